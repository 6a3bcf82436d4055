-- Calculated by the database, written into the files: the plan's dates and the duration in days.
ALTER TABLE framework_epics ADD COLUMN planned_start_date DATE;
ALTER TABLE framework_epics ADD COLUMN planned_end_date DATE;
ALTER TABLE framework_epics ADD COLUMN calculated_duration_days DECIMAL(8, 2);
