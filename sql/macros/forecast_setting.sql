-- Every number of sql/seeds/forecast_settings.csv as one row (settings_values), and the 20 quantiles
-- of a prior's grid (docs/forecast.md steps 3 to 5: each weighs prior_weight / 20 invoices).
create or replace view forecast_settings_row as
pivot settings_values('forecast_settings') on setting in (
  'history_days', 'half_life_days', 'prior_weight', 'segment_min_invoices', 'promise_prior', 'promise_grace_days',
  'max_kept_rate', 'unpaid_after_days', 'pace_recent_days', 'pace_min_invoices', 'pace_shift_days', 'weekend_share_max', 'customer_correlation', 'pace_spread_factor', 'pace_due_days', 'part_paid_window', 'tail_relative', 'dispute_relative', 'channel_effect'
) using max(value);

create or replace macro forecast_grid() as
  [0.025, 0.075, 0.125, 0.175, 0.225, 0.275, 0.325, 0.375, 0.425, 0.475,
   0.525, 0.575, 0.625, 0.675, 0.725, 0.775, 0.825, 0.875, 0.925, 0.975]
