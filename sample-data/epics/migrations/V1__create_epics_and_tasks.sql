-- The epics and their tasks, one row per task with its epic's key and its place in the list.
CREATE TABLE framework_epics (
  id                  INTEGER PRIMARY KEY,
  epic_key            VARCHAR(20) NOT NULL UNIQUE,
  name                VARCHAR(200) NOT NULL,
  summary             TEXT,
  goals               TEXT,
  definition_of_done  TEXT,
  labels              TEXT,
  duration_text       VARCHAR(50)
);

-- The place is a decimal: a task put between two others takes a place between theirs, and the
-- others keep their own (Syncline's child lists, README "Child lists").
CREATE TABLE framework_tasks (
  epic_key        VARCHAR(20) NOT NULL REFERENCES framework_epics (epic_key),
  task_key        VARCHAR(30) NOT NULL,
  position        DECIMAL(12, 6) NOT NULL,
  title           VARCHAR(200) NOT NULL,
  estimate_hours  DECIMAL(6, 1),
  done            BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (epic_key, task_key)
);
