-- FROM a.b
SELECT 'FROM x.y' AS s, /* JOIN p.q */ `proj-1.ds.t*` FROM UNNEST([1]) WITH cte AS (SELECT 1) SELECT * FROM cte JOIN ds.t2 ON TRUE
