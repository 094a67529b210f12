-- Every number of sql/seeds/drift_settings.csv as one row (settings_values).
create or replace view drift_settings_row as
pivot settings_values('drift_settings') on setting in (
  'baseline_days', 'baseline_gap_days', 'baseline_min_invoices', 'scale_prior', 'min_scale_days', 'weight_cap', 'exceed_z',
  'exceed_min_days', 'norm_uncertainty', 'exceed_prior', 'min_exceed_rate', 'recent_days', 'recent_min_invoices',
  'recent_max_invoices', 'detector_days', 'slowed_exceed_rate', 'cusum_threshold', 'min_exceedances', 'single_cap',
  'overdue_late_z', 'winsor_days', 'prior_weight', 'baseline_prior', 'trend_days', 'shift_weight', 'trend_weight',
  'partial_weight', 'flag_score'
) using max(value)
