-- The plan is read by dates, the tasks by their epic in list order.
CREATE INDEX idx_framework_epics_planned_dates
  ON framework_epics (planned_start_date, planned_end_date);
CREATE INDEX idx_framework_tasks_epic ON framework_tasks (epic_key, position);
