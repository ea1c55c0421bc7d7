-- Unique authors from rollup rows: `authors_sketch` is a k-minimum-values sketch (the 1024
-- smallest distinct 63-bit author hashes of the row, ascending). Sketches merge by keeping the
-- 1024 smallest values of their union; below 1024 values the count is exact, above it the
-- estimate is (k - 1) / (k-th smallest / 2^63), relative standard error about 3.1 %.
-- Plain DuckDB SQL: no extension, no UDF. Keep k in step with AUTHORS_SKETCH_K.
--
--   SELECT brand, window_start, unique_authors(list(authors_sketch)) AS authors
--   FROM rollups WHERE grain = 'day' GROUP BY ALL;

-- list(authors_sketch) over any rows (an aggregate) -> one merged sketch.
CREATE OR REPLACE MACRO authors_merge(sketches) AS
  list_slice(list_sort(list_distinct(flatten(sketches))), 1, 1024);

-- A (merged) sketch -> estimated number of distinct authors (DOUBLE).
CREATE OR REPLACE MACRO authors_estimate_of(sketch) AS
  CASE
    WHEN len(sketch) < 1024 THEN len(sketch)::DOUBLE
    ELSE 1023 * pow(2, 63) / (sketch[1024])::DOUBLE
  END;

-- list(authors_sketch) -> estimated distinct authors across all those rows.
CREATE OR REPLACE MACRO unique_authors(sketches) AS
  authors_estimate_of(authors_merge(sketches));
