-- Tasks first: they point at their epics.
DROP TABLE framework_tasks;
DROP TABLE framework_epics;
