-- In the reverse order of V2. SQLite refuses to drop an indexed column: U3 drops the indexes first.
ALTER TABLE framework_epics DROP COLUMN calculated_duration_days;
ALTER TABLE framework_epics DROP COLUMN planned_end_date;
ALTER TABLE framework_epics DROP COLUMN planned_start_date;
