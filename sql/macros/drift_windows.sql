-- One row: every drift setting (drift_settings_row) and the edges of the windows at as_of.
create or replace macro drift_windows(as_of) as table
select
  *,
  as_of::date - baseline_gap_days::integer as gap_end,
  as_of::date - baseline_gap_days::integer - baseline_days::integer as baseline_start,
  as_of::date - recent_days::integer as recent_start,
  as_of::date - trend_days::integer as trend_start,
  -- never later than the norm's end, so no invoice falls between the norm and the detector
  as_of::date - greatest(detector_days, baseline_gap_days)::integer as detector_start
from drift_settings_row
