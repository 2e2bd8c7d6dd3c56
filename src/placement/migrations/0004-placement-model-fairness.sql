-- A run whose scores the platform computed from a history of outcomes keeps the outcome model's fairness
-- report (calibration and placement share by specific-needs group and nationality, steering flags) and,
-- when the model was flagged, the officer's acknowledgement. Null for runs on supplied scores.
alter table placement_runs add column fairness jsonb;
