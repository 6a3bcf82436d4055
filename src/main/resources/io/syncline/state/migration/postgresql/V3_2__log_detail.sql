-- What each apply wrote: the files (one per line) and the changes down to the fields (one per line).
ALTER TABLE syncline_log ADD COLUMN files TEXT;
ALTER TABLE syncline_log ADD COLUMN detail TEXT;
