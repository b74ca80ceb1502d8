using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GridMap.IntegrationTests.Import;

/// <summary>The shipped samples and small GeoJSON files built in the tests.</summary>
internal static class ImportFiles
{
    /// <summary>The sample's community: lon 114.400–114.404, lat 23.092–23.096.</summary>
    public const string Community = "441302010099";

    public static string SamplePath(string fileName)
    {
        // Tests run from bin/…; the samples live in the repository, not in the output.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "geodata", "samples", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"geodata/samples/{fileName} not found above {AppContext.BaseDirectory}");
    }

    public static string Sample => File.ReadAllText(SamplePath("grids-sample.geojson"));

    public static string Bad => File.ReadAllText(SamplePath("grids-bad.geojson"));

    public static Stream AsStream(string json) => new MemoryStream(Encoding.UTF8.GetBytes(json));

    /// <summary>An axis-aligned lon/lat rectangle, counter-clockwise as RFC 7946 asks.</summary>
    public static string Rectangle(double west, double south, double east, double north) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"type":"Polygon","coordinates":[[[{{west}},{{south}}],[{{east}},{{south}}],[{{east}},{{north}}],[{{west}},{{north}}],[{{west}},{{south}}]]]}""");

    public static string Feature(object properties, string geometry) =>
        $$$"""{"type":"Feature","properties":{{{JsonSerializer.Serialize(properties)}}},"geometry":{{{geometry}}}}""";

    public static string Collection(params string[] features) => CollectionWithCrs(null, features);

    public static string CollectionWithCrs(string? crsName, params string[] features)
    {
        var crs = crsName is null ? "" : $$$"""  "crs":{"type":"name","properties":{"name":"{{{crsName}}}"}},""";
        return $$"""{"type":"FeatureCollection",{{crs}}"features":[{{string.Join(",", features)}}]}""";
    }

    /// <summary>The sample's features as separate JSON texts, to mix with others.</summary>
    public static IReadOnlyList<string> SampleFeatures()
    {
        using var document = JsonDocument.Parse(Sample);
        return document.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetRawText()).ToList();
    }
}
