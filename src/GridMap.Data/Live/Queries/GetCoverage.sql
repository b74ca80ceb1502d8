-- Patrol coverage of one grid: each of its buildings with the last time any officer's position
-- came within @distance metres of the footprint during [@window_from, @to). Nothing is returned
-- when the grid does not exist or is outside the caller's scope.
WITH target AS (
    SELECT g.code, g.boundary,
           -- @distance in degrees of longitude at the grid's latitude (the larger of the two
           -- degree lengths there), for the index-assisted pre-filter below.
           @distance / (111320.0 * cos(radians(ST_YMax(g.boundary)))) AS margin
    FROM grid g
    WHERE g.valid_to IS NULL
      AND g.code = @grid_code
      AND (@everything OR g.code LIKE ANY (@patterns))
),
positions AS (
    -- Positions near the grid by plain comparisons on lat/lon: the position table carries no
    -- spatial index (it would slow ingest), but time prunes it to the period's day partitions.
    SELECT ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) AS geom, p.time
    FROM officer_position p, target t
    WHERE p.time >= @window_from
      AND p.time < @to
      AND p.lon BETWEEN ST_XMin(t.boundary) - t.margin AND ST_XMax(t.boundary) + t.margin
      AND p.lat BETWEEN ST_YMin(t.boundary) - t.margin AND ST_YMax(t.boundary) + t.margin
),
buildings AS (
    SELECT b.id, b.address, b.footprint
    FROM building b, target t
    WHERE b.grid_code LIKE t.code || '%'
),
visits AS (
    SELECT b.id, max(p.time) AS last_visit
    FROM buildings b
    CROSS JOIN target t
    JOIN positions p
      ON ST_DWithin(b.footprint, p.geom, t.margin)
     AND ST_DWithin(b.footprint::geography, p.geom::geography, @distance, false)
    GROUP BY b.id
)
SELECT b.id, b.address, v.last_visit
FROM buildings b
LEFT JOIN visits v ON v.id = b.id
ORDER BY b.id;
