-- Every number of sql/seeds/drift_settings.csv as one row (drift_setting() per use would plan one
-- more join per use).
create or replace view drift_settings_row as
select
  max(value::double) filter (where setting = 'baseline_days') as baseline_days,
  max(value::double) filter (where setting = 'baseline_gap_days') as baseline_gap_days,
  max(value::double) filter (where setting = 'baseline_min_invoices') as baseline_min_invoices,
  max(value::double) filter (where setting = 'scale_prior') as scale_prior,
  max(value::double) filter (where setting = 'min_scale_days') as min_scale_days,
  max(value::double) filter (where setting = 'weight_cap') as weight_cap,
  max(value::double) filter (where setting = 'exceed_z') as exceed_z,
  max(value::double) filter (where setting = 'exceed_min_days') as exceed_min_days,
  max(value::double) filter (where setting = 'norm_uncertainty') as norm_uncertainty,
  max(value::double) filter (where setting = 'exceed_prior') as exceed_prior,
  max(value::double) filter (where setting = 'min_exceed_rate') as min_exceed_rate,
  max(value::double) filter (where setting = 'recent_days') as recent_days,
  max(value::double) filter (where setting = 'recent_min_invoices') as recent_min_invoices,
  max(value::double) filter (where setting = 'recent_max_invoices') as recent_max_invoices,
  max(value::double) filter (where setting = 'detector_days') as detector_days,
  max(value::double) filter (where setting = 'slowed_exceed_rate') as slowed_exceed_rate,
  max(value::double) filter (where setting = 'cusum_threshold') as cusum_threshold,
  max(value::double) filter (where setting = 'min_exceedances') as min_exceedances,
  max(value::double) filter (where setting = 'single_cap') as single_cap,
  max(value::double) filter (where setting = 'overdue_late_z') as overdue_late_z,
  max(value::double) filter (where setting = 'winsor_days') as winsor_days,
  max(value::double) filter (where setting = 'prior_weight') as prior_weight,
  max(value::double) filter (where setting = 'baseline_prior') as baseline_prior,
  max(value::double) filter (where setting = 'trend_days') as trend_days,
  max(value::double) filter (where setting = 'shift_weight') as shift_weight,
  max(value::double) filter (where setting = 'trend_weight') as trend_weight,
  max(value::double) filter (where setting = 'partial_weight') as partial_weight,
  max(value::double) filter (where setting = 'flag_score') as flag_score
from drift_settings
