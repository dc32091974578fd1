-- Statistics: running totals over all months, and the calendar the facts were computed with.
--   stats_counts, stats_durations  rows with month '*' hold the sums over all months of each
--                                  dimension's bucket, kept with the month rows by every refresh:
--                                  a table without a period reads them instead of every month's
--                                  copy of the same duration values (see tickets/src/stats/rollup.rs);
--   stats_meta                     key/value facts about the statistics themselves; 'calendar' is
--                                  the fingerprint of the business calendar that counted the
--                                  working days in ticket_facts. When the configured calendar differs
--                                  (a holiday added by decree), every ticket is marked for
--                                  recomputation at the next refresh.
-- Same change in both dialects.

CREATE TABLE stats_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO stats_counts (synthetic, dim, month, bucket, received, answered, closed, open, on_time, reopened,
                          ever_answered, rated, rating_sum, redirects, redirected, runarounds, brushoffs, brushed_off)
SELECT synthetic, dim, '*', bucket, SUM(received), SUM(answered), SUM(closed), SUM(open), SUM(on_time),
       SUM(reopened), SUM(ever_answered), SUM(rated), SUM(rating_sum), SUM(redirects), SUM(redirected),
       SUM(runarounds), SUM(brushoffs), SUM(brushed_off)
FROM stats_counts WHERE month <> '*'
GROUP BY synthetic, dim, bucket;

INSERT INTO stats_durations (synthetic, dim, month, bucket, metric, value, n)
SELECT synthetic, dim, '*', bucket, metric, value, SUM(n)
FROM stats_durations WHERE month <> '*'
GROUP BY synthetic, dim, bucket, metric, value
HAVING SUM(n) <> 0;
