-- What each apply wrote: the files (one per line) and the changes down to the fields (one per line).
ALTER TABLE "syncline_log" ADD COLUMN "files" CHARACTER LARGE OBJECT;
ALTER TABLE "syncline_log" ADD COLUMN "detail" CHARACTER LARGE OBJECT;
