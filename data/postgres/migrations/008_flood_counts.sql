-- The flood limits' counts shared by every instance (issue 13): a fixed window per key, its end
-- in ms since the epoch; ended windows are deleted by the daily housekeeping job.
CREATE TABLE flood_counts (
  key text COLLATE "C" PRIMARY KEY,
  window_end bigint NOT NULL,
  count integer NOT NULL
);
CREATE INDEX flood_counts_end ON flood_counts (window_end);
