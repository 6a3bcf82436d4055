-- SQLite, H2 and PostgreSQL spelling; MariaDB names the table too: DROP INDEX name ON table.
DROP INDEX idx_framework_tasks_epic;
DROP INDEX idx_framework_epics_planned_dates;
