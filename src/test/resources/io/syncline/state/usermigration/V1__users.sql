CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100));
INSERT INTO users (id, name) VALUES (1, 'ann');
