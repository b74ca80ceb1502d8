namespace GridMap.IntegrationTests.Loading;

/// <summary>The demo district as PostGIS sees it after one load.</summary>
public sealed class DistrictLoaderTests(LoadedDemoFixture fixture) : IClassFixture<LoadedDemoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<long> CountAsync(string sql) => fixture.Database.ScalarAsync<long>(sql, Ct);

    [Fact]
    public async Task Every_table_holds_exactly_the_generated_rows()
    {
        var data = fixture.District.Data;
        var expected = new Dictionary<string, int>
        {
            ["grid"] = data.Grids.Count,
            ["officer"] = data.Officers.Count,
            ["officer_assignment"] = data.OfficerAssignments.Count,
            ["building"] = data.Buildings.Count,
            ["rental_house"] = data.RentalHouses.Count,
            ["rental_unit"] = data.RentalUnits.Count,
            ["resident"] = data.Residents.Count,
            ["base_road"] = data.Roads.Count,
            ["base_block"] = data.Blocks.Count,
            ["base_water"] = data.Waters.Count,
        };

        Assert.True(fixture.Result.Loaded);
        foreach (var (table, rows) in expected)
        {
            Assert.Equal(rows, await CountAsync($"SELECT count(*) FROM {table}"));
            Assert.Equal(rows, fixture.Result.Tables.Single(t => t.Table == table).Rows);
        }

        Assert.Equal(11, await CountAsync("SELECT count(*) FROM grid WHERE level = 1 AND valid_to IS NULL"));
        Assert.Equal(91, await CountAsync("SELECT count(*) FROM grid WHERE level = 2 AND valid_to IS NULL"));
        Assert.Equal(243, await CountAsync("SELECT count(*) FROM grid WHERE level = 3 AND valid_to IS NULL"));
        Assert.InRange(await CountAsync("SELECT count(*) FROM resident WHERE departed_on IS NULL"), 166_250, 183_750);
        Assert.Equal(2, await CountAsync("SELECT version FROM data_version"));
    }

    [Fact]
    public async Task Every_grid_is_valid_with_its_mercator_copy_and_a_label_inside()
    {
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM grid WHERE NOT ST_IsValid(boundary) OR NOT ST_IsValid(boundary_3857)"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM grid WHERE NOT ST_Intersects(label_point, boundary)"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM grid WHERE ST_SRID(boundary_3857) <> 3857 OR ST_IsEmpty(boundary_3857)"));
        Assert.Equal(0, await CountAsync(
            "SELECT count(*) FROM building WHERE NOT ST_IsValid(footprint) OR NOT ST_Intersects(centroid, footprint) OR footprint_3857 IS NULL"));
    }

    [Fact]
    public async Task Every_child_is_covered_by_its_parent_and_parents_are_the_union_of_their_children()
    {
        Assert.Equal(0, await CountAsync(
            """
            SELECT count(*) FROM grid c JOIN grid p ON p.code = c.parent_code AND p.valid_to IS NULL
            WHERE c.valid_to IS NULL AND NOT ST_CoveredBy(c.boundary, p.boundary)
            """));
        Assert.Equal(0, await CountAsync(
            """
            SELECT count(*) FROM grid c WHERE c.level > 1 AND NOT EXISTS (SELECT 1 FROM grid p WHERE p.code = c.parent_code)
            """));
        Assert.Equal(0, await CountAsync(
            """
            SELECT count(*)
            FROM grid p
            JOIN LATERAL (SELECT ST_Union(c.boundary) AS u FROM grid c WHERE c.parent_code = p.code) k ON true
            WHERE p.level < 3 AND ST_Area(ST_SymDifference(p.boundary, k.u)) > 1e-9 * ST_Area(p.boundary)
            """));
    }

    [Fact]
    public async Task Siblings_do_not_overlap()
    {
        Assert.Equal(0, await CountAsync(
            """
            SELECT count(*)
            FROM grid a
            JOIN grid b ON a.level = b.level AND a.parent_code IS NOT DISTINCT FROM b.parent_code AND a.code < b.code
                        AND a.boundary && b.boundary
            WHERE ST_Relate(a.boundary, b.boundary, '2********')
            """));
        Assert.Equal(0, await CountAsync(
            """
            SELECT count(*)
            FROM grid a JOIN grid b ON a.level = 3 AND b.level = 3 AND a.code < b.code AND a.boundary && b.boundary
            WHERE ST_Area(ST_Intersection(a.boundary, b.boundary)) > 1e-12
            """));
    }

    [Fact]
    public async Task Every_building_names_a_current_third_level_grid_that_contains_it()
    {
        Assert.Equal(0, await CountAsync(
            """
            SELECT count(*) FROM building b
            WHERE NOT EXISTS (
                SELECT 1 FROM grid g
                WHERE g.code = b.grid_code AND g.level = 3 AND g.valid_to IS NULL AND ST_Contains(g.boundary, b.centroid))
            """));
        Assert.Equal(0, await CountAsync(
            """
            SELECT count(*) FROM building a JOIN building b ON a.id < b.id AND a.footprint && b.footprint
            WHERE ST_Area(ST_Intersection(a.footprint, b.footprint)) > 0
            """));
    }

    [Fact]
    public async Task References_resolve_and_the_sequences_continue_after_the_loaded_ids()
    {
        Assert.Equal(0, await CountAsync(
            """
            SELECT count(*) FROM resident r
            JOIN rental_unit u ON u.id = r.rental_unit_id
            JOIN rental_house h ON h.id = u.rental_house_id
            WHERE h.building_id <> r.building_id
            """));
        Assert.Equal(0, await CountAsync(
            "SELECT count(*) FROM officer_assignment a JOIN building b ON b.id = a.building_id WHERE b.grid_code <> a.grid_code"));
        Assert.True(await CountAsync("SELECT count(*) FROM officer_assignment WHERE role = 'building_head' AND building_id IS NOT NULL") > 3000);

        foreach (var table in new[] { "grid", "officer", "building", "resident", "base_road" })
        {
            var max = await CountAsync($"SELECT max(id) FROM {table}");
            var next = await CountAsync($"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))");
            Assert.True(next > max, $"{table}: sequence at {next}, ids up to {max}");
        }
    }
}
