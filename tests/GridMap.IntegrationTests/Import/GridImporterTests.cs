using GridMap.Data.Grids.Import;
using GridMap.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static GridMap.IntegrationTests.Import.ImportFiles;

namespace GridMap.IntegrationTests.Import;

/// <summary>The importer against a real PostGIS: a fresh migrated database per test.</summary>
public sealed class GridImporterTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(cancellationToken: Ct);

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private Task<ImportResult> ImportAsync(string json, ImportOptions? options = null) =>
        new GridImporter(_db.DataSource, NullLogger<GridImporter>.Instance).ImportAsync(AsStream(json), options, Ct);

    private async Task<(long Rows, long Current, long DataVersion)> StateAsync() =>
        ((await _db.ScalarAsync<long>("SELECT count(*) FROM grid", Ct)),
         (await _db.ScalarAsync<long>("SELECT count(*) FROM grid WHERE valid_to IS NULL", Ct)),
         (await _db.ScalarAsync<long>("SELECT version FROM data_version", Ct)));

    private static void AssertSucceeded(ImportResult result) =>
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));

    [Fact]
    public async Task The_good_sample_imports_every_grid_as_version_one_with_derived_columns()
    {
        var result = await new GridImporter(_db.DataSource, NullLogger<GridImporter>.Instance)
            .ImportFileAsync(SamplePath("grids-sample.geojson"), null, Ct);

        AssertSucceeded(result);
        Assert.Equal((7, 7, 0), (result.FeatureCount, result.Imported, result.Replaced));
        Assert.Empty(result.Warnings);
        Assert.Equal(2, result.DataVersion);
        Assert.Equal((7L, 7L, 2L), await StateAsync());
        Assert.Equal("1:1 2:2 3:4", await _db.ScalarAsync<string>(
            "SELECT string_agg(level || ':' || n, ' ' ORDER BY level) FROM (SELECT level, count(*) n FROM grid GROUP BY level) x", Ct));
        Assert.Equal(7, await _db.ScalarAsync<long>(
            """
            SELECT count(*) FROM grid
            WHERE version = 1 AND valid_to IS NULL
              AND ST_Within(label_point, boundary)
              AND GeometryType(boundary) = 'MULTIPOLYGON'
              AND ST_SRID(boundary_3857) = 3857
              AND abs(ST_Area(ST_Transform(boundary_3857, 4326)) - ST_Area(boundary)) < 1e-12
              AND (parent_code IS NULL) = (level = 1)
              AND code LIKE '441302010099%'
            """, Ct));
        Assert.Equal(465, await _db.ScalarAsync<int>($"SELECT households FROM grid WHERE code = '{Community}'", Ct));
        Assert.Equal("mixed", await _db.ScalarAsync<string>($"SELECT land_use FROM grid WHERE code = '{Community}02'", Ct));
        Assert.Equal(Community, await _db.ScalarAsync<string>($"SELECT parent_code FROM grid WHERE code = '{Community}02'", Ct));
    }

    [Fact]
    public async Task The_bad_sample_is_rejected_with_every_fault_and_changes_nothing()
    {
        AssertSucceeded(await ImportAsync(Sample));
        var before = await StateAsync();

        var result = await ImportAsync(Bad);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [(2, "overlap"), (3, "nesting"), (4, "validity"), (5, "code"), (6, "name"), (7, "level")],
            result.Errors.Select(e => (e.FeatureIndex!.Value, e.Check)).ToArray());
        Assert.Contains("sibling feature #1 (44130201009801)", result.Errors[0].Message);
        Assert.Contains("entirely outside its parent 441302010098", result.Errors[1].Message);
        Assert.Contains("Self-intersection", result.Errors[2].Message);
        Assert.Equal("44130201009801001", result.Errors[2].Code);
        Assert.Contains("'O'", result.Errors[3].Message);
        Assert.Equal((0, 0, (long?)null), (result.Imported, result.Replaced, result.DataVersion));
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Reimporting_a_changed_boundary_closes_version_one_and_inserts_version_two()
    {
        AssertSucceeded(await ImportAsync(Sample));

        // The community grows east; its children still fit. households and land_use are left
        // out, so they carry over.
        var result = await ImportAsync(Collection(
            Feature(new { code = Community, name = "样例社区（扩大）" }, Rectangle(114.400, 23.092, 114.405, 23.096))));

        AssertSucceeded(result);
        Assert.Equal((0, 1), (result.Imported, result.Replaced));
        Assert.Equal((8L, 7L, 3L), await StateAsync());
        Assert.Equal("1 closed,2 current", await _db.ScalarAsync<string>(
            $"SELECT string_agg(version || CASE WHEN valid_to IS NULL THEN ' current' ELSE ' closed' END, ',' ORDER BY version) FROM grid WHERE code = '{Community}'", Ct));
        Assert.True(await _db.ScalarAsync<bool>(
            $"""
            SELECT old.valid_to = new.valid_from
               AND new.name = '样例社区（扩大）' AND old.name = '样例社区'
               AND new.households = 465 AND new.land_use = 'residential'
               AND ST_XMax(new.boundary) > 114.4049 AND ST_XMax(old.boundary) < 114.4041
               AND ST_XMax(new.boundary_3857) > ST_XMax(old.boundary_3857)
               AND ST_Within(new.label_point, new.boundary)
            FROM grid old JOIN grid new ON new.code = old.code AND new.version = 2
            WHERE old.code = '{Community}' AND old.version = 1
            """, Ct));
    }

    [Fact]
    public async Task A_new_parent_boundary_that_would_leave_current_children_outside_is_rejected()
    {
        AssertSucceeded(await ImportAsync(Sample));
        var before = await StateAsync();

        var result = await ImportAsync(Collection(
            Feature(new { code = Community, name = "缩小" }, Rectangle(114.400, 23.092, 114.403, 23.096))));

        // Only direct children are checked: the grandchildren lie in 02, which is reported.
        var error = Assert.Single(result.Errors);
        Assert.Equal((0, "children"), (error.FeatureIndex!.Value, error.Check));
        Assert.Contains($"current child grid {Community}02 (not in this file) would extend", error.Message);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_file_mixing_good_and_bad_features_imports_nothing()
    {
        var features = SampleFeatures().ToList();
        features.Add(Feature(new { code = Community + "02003", name = "越界" }, Rectangle(114.403, 23.095, 114.406, 23.097)));

        var result = await ImportAsync(Collection([.. features]));

        Assert.False(result.Succeeded);
        // Outside its parent and overlapping the sibling 02001; nothing about the good features.
        Assert.Equal([(7, "nesting"), (7, "overlap")], result.Errors.Select(e => (e.FeatureIndex!.Value, e.Check)).ToArray());
        Assert.Equal((0L, 0L, 1L), await StateAsync());
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_the_line_and_position()
    {
        // Line 13 of the sample holds the properties of feature #4 (01002).
        var json = Sample.Replace("\"households\": 95},", "\"households\": 95,,");

        var result = await ImportAsync(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal((null, "json"), (error.FeatureIndex, error.Check));
        Assert.Matches(@"^malformed JSON at line 13, position \d+", error.Message);
        Assert.Equal((0L, 0L, 1L), await StateAsync());
    }

    [Theory]
    [InlineData("urn:ogc:def:crs:EPSG::3857", "EPSG:3857")]
    [InlineData("EPSG:4490", "CGCS2000")]
    public async Task A_file_in_another_crs_is_rejected(string crs, string fragment)
    {
        var result = await ImportAsync(CollectionWithCrs(crs,
            Feature(new { code = Community, name = "x" }, Rectangle(12_734_000, 2_648_000, 12_735_000, 2_649_000))));

        var error = Assert.Single(result.Errors);
        Assert.Equal((null, "crs"), (error.FeatureIndex, error.Check));
        Assert.Contains(fragment, error.Message);
        Assert.Equal((0L, 0L, 1L), await StateAsync());
    }

    [Fact]
    public async Task A_file_naming_crs84_is_accepted()
    {
        var result = await ImportAsync(CollectionWithCrs("urn:ogc:def:crs:OGC:1.3:CRS84",
            Feature(new { code = Community, name = "x" }, Rectangle(114.400, 23.092, 114.404, 23.096))));

        AssertSucceeded(result);
        Assert.Equal(1, result.Imported);
    }

    [Fact]
    public async Task Children_that_leave_part_of_their_parent_uncovered_import_with_a_gap_warning()
    {
        var result = await ImportAsync(Collection(
            Feature(new { code = Community, name = "社区" }, Rectangle(114.400, 23.092, 114.404, 23.096)),
            Feature(new { code = Community + "01", name = "西" }, Rectangle(114.400, 23.092, 114.402, 23.096))));

        AssertSucceeded(result);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((0, Community, "gap"), (warning.FeatureIndex!.Value, warning.Code, warning.Check));
        Assert.Matches(@"m² \(50\.\d+% of grid 441302010099\) is not covered by its children", warning.Message);
        Assert.Equal((2L, 2L, 2L), await StateAsync());
    }

    [Fact]
    public async Task A_gap_left_by_a_later_file_is_reported_against_the_parent_in_the_database()
    {
        AssertSucceeded(await ImportAsync(Collection(
            Feature(new { code = Community, name = "社区" }, Rectangle(114.400, 23.092, 114.404, 23.096)))));

        var result = await ImportAsync(Collection(
            Feature(new { code = Community + "02", name = "东" }, Rectangle(114.402, 23.092, 114.404, 23.096))));

        AssertSucceeded(result);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((null, Community, "gap"), (warning.FeatureIndex, warning.Code, warning.Check));
    }

    [Fact]
    public async Task Slivers_within_the_tolerance_are_not_faults()
    {
        // 1e-8° ≈ 1 mm: the child overhangs its parent and overlaps its sibling by a sliver
        // far below 0.5 m², as hand-digitised boundaries do.
        var result = await ImportAsync(Collection(
            Feature(new { code = Community, name = "社区" }, Rectangle(114.400, 23.092, 114.404, 23.096)),
            Feature(new { code = Community + "01", name = "西" }, Rectangle(114.39999999, 23.092, 114.40200001, 23.096)),
            Feature(new { code = Community + "02", name = "东" }, Rectangle(114.402, 23.092, 114.404, 23.096))));

        AssertSucceeded(result);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Parents_may_come_from_the_database_and_current_siblings_must_not_be_overlapped()
    {
        AssertSucceeded(await ImportAsync(Sample));

        var result = await ImportAsync(Collection(
            Feature(new { code = Community + "01003", name = "与北片重叠" }, Rectangle(114.400, 23.0955, 114.401, 23.096)),
            Feature(new { code = "44130201009701", name = "无父网格" }, Rectangle(114.41, 23.13, 114.42, 23.14))));

        Assert.Equal([(0, "overlap"), (1, "parent")], result.Errors.Select(e => (e.FeatureIndex!.Value, e.Check)).ToArray());
        Assert.Contains($"current grid {Community}01001", result.Errors[0].Message);
        Assert.Contains("parent grid 441302010097 is neither in this file nor current in the database", result.Errors[1].Message);
    }

    [Fact]
    public async Task Communities_of_the_same_street_must_not_overlap()
    {
        var result = await ImportAsync(Collection(
            Feature(new { code = Community, name = "a" }, Rectangle(114.400, 23.092, 114.404, 23.096)),
            Feature(new { code = "441302010097", name = "b" }, Rectangle(114.403, 23.092, 114.406, 23.096)),
            Feature(new { code = "441302011001", name = "other street" }, Rectangle(114.403, 23.092, 114.406, 23.096))));

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "overlap"), (error.FeatureIndex!.Value, error.Check));
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[114.4,23.13]}""", "geometry type", "Point")]
    [InlineData("""{"type":"Polygon","coordinates":[]}""", "empty", "empty")]
    [InlineData("""{"type":"Polygon","coordinates":[[[12734000,2648000],[12735000,2648000],[12735000,2649000],[12734000,2648000]]]}""", "lon/lat range", "projected")]
    [InlineData("""{"type":"Polygon","coordinates":[[[23.13,114.40],[23.13,114.41],[23.14,114.41],[23.13,114.40]]]}""", "lon/lat range", "swapped")]
    [InlineData("""{"type":"Polygon","coordinates":[[[114.40,23.13],[114.41,23.13],[114.41,23.14]]]}""", "validity", "closed")]
    [InlineData("""{"type":"Polygonz","coordinates":[]}""", "geometry", "PostGIS cannot read the geometry")]
    public async Task Geometry_faults_are_found_in_postgis(string geometry, string check, string fragment)
    {
        var result = await ImportAsync(Collection(
            Feature(new { code = Community, name = "ok" }, Rectangle(114.400, 23.092, 114.404, 23.096)),
            Feature(new { code = "441302010097", name = "bad" }, geometry)));

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, check), (error.FeatureIndex!.Value, error.Check));
        Assert.Contains(fragment, error.Message);
        Assert.Equal((0L, 0L, 1L), await StateAsync());
    }

    [Fact]
    public async Task A_multipolygon_with_a_hole_and_z_values_imports_as_a_2d_multipolygon()
    {
        var geometry = """
            {"type":"MultiPolygon","coordinates":[
              [[[114.400,23.092,5],[114.404,23.092,5],[114.404,23.096,5],[114.400,23.096,5],[114.400,23.092,5]],
               [[114.401,23.093,5],[114.401,23.095,5],[114.403,23.095,5],[114.403,23.093,5],[114.401,23.093,5]]],
              [[[114.405,23.092,5],[114.406,23.092,5],[114.406,23.093,5],[114.405,23.092,5]]]]}
            """;

        AssertSucceeded(await ImportAsync(Collection(Feature(new { code = Community, name = "x" }, geometry))));

        Assert.True(await _db.ScalarAsync<bool>(
            "SELECT ST_NDims(boundary) = 2 AND ST_NumGeometries(boundary) = 2 AND ST_NRings(boundary) = 3 AND ST_Within(label_point, boundary) FROM grid", Ct));
    }

    [Fact]
    public async Task A_dry_run_validates_and_writes_nothing()
    {
        var result = await ImportAsync(Sample, new ImportOptions { DryRun = true });

        AssertSucceeded(result);
        Assert.True(result.DryRun);
        Assert.False(result.Committed);
        Assert.Equal((0L, 0L, 1L), await StateAsync());
    }

    [Fact]
    public async Task Importing_the_same_file_twice_keeps_history_with_one_current_row_per_code()
    {
        AssertSucceeded(await ImportAsync(Sample));
        var second = await ImportAsync(Sample);

        AssertSucceeded(second);
        Assert.Equal((0, 7), (second.Imported, second.Replaced));
        Assert.Equal((14L, 7L, 3L), await StateAsync());
        Assert.Equal(7, await _db.ScalarAsync<long>("SELECT count(*) FROM grid WHERE version = 2 AND valid_to IS NULL", Ct));
    }
}
