-- The epics and their tasks, one row per task with its epic's id and its place in the list.
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

CREATE TABLE framework_tasks (
  id              INTEGER PRIMARY KEY,
  epic_id         INTEGER NOT NULL REFERENCES framework_epics (id),
  task_key        VARCHAR(30) NOT NULL,
  title           VARCHAR(200) NOT NULL,
  estimate_hours  DECIMAL(6, 1),
  done            BOOLEAN NOT NULL DEFAULT FALSE,
  position        INTEGER NOT NULL,
  UNIQUE (epic_id, task_key)
);
