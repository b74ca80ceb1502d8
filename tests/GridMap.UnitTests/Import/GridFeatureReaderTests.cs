using GridMap.Data.Grids.Import;

namespace GridMap.UnitTests.Import;

public sealed class GridFeatureReaderTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[114.4,23.13],[114.401,23.13],[114.401,23.131],[114.4,23.131],[114.4,23.13]]]}""";

    private static string Collection(params string[] propertySets) =>
        $$"""{"type":"FeatureCollection","features":[{{string.Join(",", propertySets.Select(p => $$"""{"type":"Feature","properties":{{p}},"geometry":{{Square}}}"""))}}]}""";

    [Fact]
    public void Reads_properties_and_derives_level_and_parent_from_the_code()
    {
        var file = GridFeatureReader.Read(Collection(
            """{"code":"44130201009901","name":" 第一网格 ","level":2,"parent_code":"441302010099","land_use":"residential","households":215}"""));

        Assert.Empty(file.Errors);
        var feature = Assert.Single(file.Features);
        Assert.Equal(0, feature.Index);
        Assert.Equal("44130201009901", feature.GridCode);
        Assert.Equal("441302010099", feature.ParentCode);
        Assert.Equal(2, feature.Level);
        Assert.Equal("第一网格", feature.Name);
        Assert.Equal("residential", feature.LandUse);
        Assert.Equal(215, feature.Households);
        Assert.Contains("\"Polygon\"", feature.GeometryJson);
    }

    [Fact]
    public void Accepts_the_camelCase_aliases_numeric_codes_and_numbers_written_as_strings()
    {
        var file = GridFeatureReader.Read(Collection(
            """{"code":44130201009901,"name":"a","level":"2","parentCode":441302010099,"landUse":"mixed","households":"12"}""",
            """{"code":"441302010099","name":"b","households":3.0}"""));

        Assert.Empty(file.Errors);
        Assert.Equal("44130201009901", file.Features[0].GridCode);
        Assert.Equal("mixed", file.Features[0].LandUse);
        Assert.Equal(12, file.Features[0].Households);
        Assert.Equal(3, file.Features[1].Households);
        Assert.Null(file.Features[1].ParentCode);
    }

    [Theory]
    [InlineData("""{"name":"a"}""", "code", "code is missing")]
    [InlineData("""{"code":"","name":"a"}""", "code", "code is empty")]
    [InlineData("""{"code":"4413020100990","name":"a"}""", "code", "13 digits")]
    [InlineData("""{"code":"44130201009901","name":""}""", "name", "name is empty")]
    [InlineData("""{"code":"44130201009901"}""", "name", "name is missing")]
    [InlineData("""{"code":"44130201009901","name":7}""", "name", "must be a string")]
    [InlineData("""{"code":"44130201009901","name":"a","level":3}""", "level", "level 3 does not agree")]
    [InlineData("""{"code":"44130201009901","name":"a","level":4}""", "level", "1, 2 or 3")]
    [InlineData("""{"code":"44130201009901","name":"a","parent_code":"441302010098"}""", "parent_code", "not the code's parent prefix 441302010099")]
    [InlineData("""{"code":"441302010097","name":"a","parent_code":"441302010"}""", "parent_code", "has no parent")]
    [InlineData("""{"code":"44130201009901","name":"a","parent_code":"441302010099","parentCode":"441302010098"}""", "parent_code", "disagree")]
    [InlineData("""{"code":"44130201009901","name":"a","households":-1}""", "households", "non-negative integer")]
    [InlineData("""{"code":"44130201009901","name":"a","households":2.5}""", "households", "non-negative integer")]
    [InlineData("""{"code":"44130201009901","name":"a","land_use":5}""", "land_use", "must be a string")]
    public void Reports_a_bad_property_by_feature_index_and_field(string properties, string check, string fragment)
    {
        var file = GridFeatureReader.Read(Collection("""{"code":"441302010099","name":"ok"}""", properties));

        Assert.False(file.IsUnreadable);
        var error = Assert.Single(file.Errors);
        Assert.Equal(1, error.FeatureIndex);
        Assert.Equal(check, error.Check);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Reports_every_fault_of_every_feature_not_only_the_first()
    {
        var file = GridFeatureReader.Read(Collection(
            """{"code":"x","households":-3}""",
            """{"code":"441302010099","name":"ok"}""",
            """{"code":"44130201009901","level":1}"""));

        Assert.Equal(
            [(0, "code"), (0, "name"), (0, "households"), (2, "name"), (2, "level")],
            file.Errors.Select(e => (e.FeatureIndex!.Value, e.Check)).ToArray());
        Assert.Equal("44130201009901", file.Errors[^1].Code);
    }

    [Fact]
    public void A_duplicate_code_is_an_error_on_the_later_feature_which_then_stays_out_of_the_hierarchy()
    {
        var file = GridFeatureReader.Read(Collection(
            """{"code":"441302010099","name":"a"}""",
            """{"code":"441302010099","name":"b"}"""));

        var error = Assert.Single(file.Errors);
        Assert.Equal((1, "duplicate"), (error.FeatureIndex!.Value, error.Check));
        Assert.Contains("feature #0", error.Message);
        Assert.Equal("441302010099", file.Features[0].GridCode);
        Assert.Null(file.Features[1].GridCode);
    }

    [Fact]
    public void Malformed_json_is_one_file_error_with_line_and_position()
    {
        var json = "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n    {\"type\": \"Feature\" \"properties\": {}}\n  ]\n}";

        var file = GridFeatureReader.Read(json);

        Assert.True(file.IsUnreadable);
        var error = Assert.Single(file.Errors);
        Assert.Null(error.FeatureIndex);
        Assert.Equal("json", error.Check);
        Assert.StartsWith("malformed JSON at line 4, position 24", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Theory]
    [InlineData("""{"type":"Feature","properties":{},"geometry":null}""", "expected a GeoJSON FeatureCollection, found type 'Feature'")]
    [InlineData("""[1,2]""", "found a JSON array")]
    [InlineData("""{"type":"FeatureCollection"}""", "no 'features' array")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "no features")]
    public void A_file_that_is_not_a_feature_collection_is_rejected_as_a_whole(string json, string fragment)
    {
        var file = GridFeatureReader.Read(json);

        Assert.True(file.IsUnreadable);
        Assert.Contains(fragment, Assert.Single(file.Errors).Message);
    }

    [Theory]
    [InlineData("EPSG:4326")]
    [InlineData("urn:ogc:def:crs:EPSG::4326")]
    [InlineData("urn:ogc:def:crs:EPSG:6.6:4326")]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84")]
    [InlineData("urn:ogc:def:crs:OGC::CRS84")]
    [InlineData("OGC:CRS84")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4326")]
    [InlineData("http://www.opengis.net/def/crs/OGC/1.3/CRS84")]
    public void Accepts_crs_names_for_wgs84_longitude_latitude(string name)
    {
        Assert.Null(GridFeatureReader.DescribeCrs(name));
        var json = $$$"""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"{{{name}}}"}},"features":[{"type":"Feature","properties":{"code":"441302010099","name":"a"},"geometry":{{{Square}}}}]}""";
        Assert.Empty(GridFeatureReader.Read(json).Errors);
    }

    [Theory]
    [InlineData("urn:ogc:def:crs:EPSG::3857", "EPSG:3857 (Web Mercator metres)")]
    [InlineData("EPSG:4490", "CGCS2000")]
    [InlineData("EPSG:4547", "CGCS2000 Gauss-Krüger")]
    [InlineData("EPSG:4326x", "unknown CRS")]
    [InlineData("EPSG:32650", "UTM")]
    [InlineData("GCJ-02", "unknown CRS")]
    public void Rejects_any_other_crs_and_says_what_to_do(string name, string fragment)
    {
        var json = $$$"""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"{{{name}}}"}},"features":[]}""";

        var file = GridFeatureReader.Read(json);

        var error = Assert.Single(file.Errors);
        Assert.Equal("crs", error.Check);
        Assert.Contains(fragment, error.Message);
        Assert.Contains("ogr2ogr -t_srs EPSG:4326", error.Message);
    }

    [Fact]
    public void Rejects_a_linked_crs()
    {
        var file = GridFeatureReader.Read("""{"type":"FeatureCollection","crs":{"type":"link","properties":{"href":"x.prj"}},"features":[]}""");

        Assert.Equal("crs", Assert.Single(file.Errors).Check);
    }

    [Fact]
    public void A_geometry_level_crs_is_checked_and_dropped_before_postgis_sees_it()
    {
        var ok = GridFeatureReader.Read("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"441302010099","name":"a"},"geometry":{"type":"Polygon","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}]}""");
        var bad = GridFeatureReader.Read("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"441302010099","name":"a"},"geometry":{"type":"Polygon","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}]}""");

        Assert.Empty(ok.Errors);
        Assert.Equal("""{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}""", ok.Features[0].GeometryJson);
        var error = Assert.Single(bad.Errors);
        Assert.Equal((0, "crs"), (error.FeatureIndex!.Value, error.Check));
        Assert.Null(bad.Features[0].GeometryJson);
    }

    [Theory]
    [InlineData("null", "no geometry")]
    [InlineData("\"POLYGON((0 0,1 0,1 1,0 0))\"", "not a GeoJSON geometry object")]
    [InlineData("""{"type":"Polygon","coordinates":[[[1,1],[2,"1"],[2,2],[1,1]]]}""", "coordinates[0][1][1] is not a number")]
    public void Reports_a_missing_or_unusable_geometry(string geometry, string fragment)
    {
        var file = GridFeatureReader.Read($$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"441302010099","name":"a"},"geometry":{{geometry}}}]}""");

        var error = Assert.Single(file.Errors);
        Assert.Equal("geometry", error.Check);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void A_feature_that_is_not_a_feature_is_reported_by_index()
    {
        var file = GridFeatureReader.Read($$"""{"type":"FeatureCollection","features":[{{Square}}]}""");

        var error = Assert.Single(file.Errors);
        Assert.Equal((0, "type"), (error.FeatureIndex!.Value, error.Check));
    }

    [Fact]
    public async Task Skips_a_utf8_byte_order_mark()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(Collection("""{"code":"441302010099","name":"a"}"""))).ToArray();

        var file = await GridFeatureReader.ReadAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken);

        Assert.Empty(file.Errors);
        Assert.Single(file.Features);
    }
}
