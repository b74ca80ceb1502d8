using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridMap.Domain.Grids;

namespace GridMap.Data.Grids.Import;

/// <summary>
/// One feature of an import file after the C#-side checks. <see cref="GridCode"/> is set only
/// when the code is well-formed and this is its first occurrence in the file: those are the
/// features that take part in the hierarchy checks (parent, nesting, siblings) in PostGIS.
/// </summary>
public sealed record GridFeature(
    int Index,
    string? Code,
    string? GridCode,
    string? ParentCode,
    int? Level,
    string? Name,
    string? LandUse,
    int? Households,
    string? GeometryJson);

/// <summary>What the reader found: the features, and every error it could find without the database.</summary>
public sealed record GridFeatureFile(IReadOnlyList<GridFeature> Features, IReadOnlyList<ImportIssue> Errors)
{
    /// <summary>True when the file itself is unusable (bad JSON, wrong CRS, not a FeatureCollection).</summary>
    public bool IsUnreadable => Errors.Any(e => e.FeatureIndex is null);
}

/// <summary>
/// Reads a GeoJSON FeatureCollection of grid boundaries with System.Text.Json and checks what
/// can be checked without PostGIS: the JSON itself, the declared CRS, and each feature's
/// properties. Geometries are passed on as JSON text; PostGIS parses and validates them.
/// </summary>
public static partial class GridFeatureReader
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        // RFC 8259 strictness: an exported file with comments or trailing commas was hand-edited
        // and is better fixed than guessed at.
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 256,
    };

    public static async Task<GridFeatureFile> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    public static GridFeatureFile Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    public static GridFeatureFile Read(ReadOnlyMemory<byte> utf8)
    {
        // Editors on Windows like to start UTF-8 files with a BOM; the reader does not skip it.
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, s_options);
        }
        catch (JsonException ex)
        {
            return FileError("json", DescribeJsonError(ex));
        }

        using (document)
        {
            return ReadCollection(document.RootElement);
        }
    }

    private static GridFeatureFile ReadCollection(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() != "FeatureCollection")
        {
            var found = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t)
                ? $"type '{t}'"
                : $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}";
            return FileError("type", $"expected a GeoJSON FeatureCollection, found {found}");
        }

        if (root.TryGetProperty("crs", out var crs) && CheckCrs(crs) is { } crsError)
        {
            return FileError("crs", crsError);
        }

        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            return FileError("features", "the FeatureCollection has no 'features' array");
        }

        if (features.GetArrayLength() == 0)
        {
            return FileError("features", "the file has no features");
        }

        var result = new List<GridFeature>(features.GetArrayLength());
        var errors = new List<ImportIssue>();
        var firstIndexOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var feature in features.EnumerateArray())
        {
            result.Add(ReadFeature(index, feature, errors, firstIndexOfCode));
            index++;
        }

        return new GridFeatureFile(result, errors);
    }

    private static GridFeature ReadFeature(int index, JsonElement feature, List<ImportIssue> errors, Dictionary<string, int> firstIndexOfCode)
    {
        if (feature.ValueKind != JsonValueKind.Object
            || !feature.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() != "Feature")
        {
            errors.Add(new ImportIssue(index, null, "type", "not a GeoJSON Feature object"));
            return new GridFeature(index, null, null, null, null, null, null, null, null);
        }

        var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p
            : default;
        var context = new FeatureContext(index, errors);

        // The code comes first so every later message can name the feature by it.
        var code = ReadCode(properties, "code", context, required: true);
        context.Code = code;
        string? gridCode = null, parentCode = null;
        int? level = null;
        GridCode? parsed = null;
        if (code is not null)
        {
            if (GridMap.Domain.Grids.GridCode.Validate(code) is { } codeError)
            {
                context.Error("code", codeError);
            }
            else
            {
                parsed = GridMap.Domain.Grids.GridCode.Parse(code);
                level = (int)parsed.Value.Level;
                parentCode = parsed.Value.Parent?.Value;
                if (firstIndexOfCode.TryGetValue(code, out var first))
                {
                    context.Error("duplicate", $"code {code} already appears at feature #{first}");
                }
                else
                {
                    firstIndexOfCode.Add(code, index);
                    gridCode = code;
                }
            }
        }

        string? name = null;
        if (!TryGetValue(properties, "name", out _))
        {
            context.Error("name", "name is missing");
        }
        else if (ReadString(properties, "name", context) is { } text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                context.Error("name", "name is empty");
            }
            else
            {
                name = text.Trim();
            }
        }

        CheckLevel(properties, parsed, context);
        CheckParentCode(properties, parsed, context);
        var landUse = ReadString(properties, "land_use", context) ?? ReadString(properties, "landUse", context);
        var households = ReadHouseholds(properties, context);
        var geometry = ReadGeometry(feature, context);

        return new GridFeature(index, code, gridCode, parentCode, level, name, landUse, households, geometry);
    }

    private static void CheckLevel(JsonElement properties, GridCode? code, FeatureContext context)
    {
        if (!TryGetValue(properties, "level", out var value))
        {
            return;
        }

        if (!TryReadInteger(value, out var level) || level is < 1 or > 3)
        {
            context.Error("level", $"level must be 1, 2 or 3, not {value.GetRawText()}");
            return;
        }

        if (code is { } c && (int)c.Level != level)
        {
            context.Error("level", $"level {level} does not agree with the code, which has {c.Value.Length} digits (level {(int)c.Level})");
        }
    }

    private static void CheckParentCode(JsonElement properties, GridCode? code, FeatureContext context)
    {
        var snake = ReadCode(properties, "parent_code", context, required: false);
        var camel = ReadCode(properties, "parentCode", context, required: false);
        if (snake is not null && camel is not null && snake != camel)
        {
            context.Error("parent_code", $"parent_code '{snake}' and parentCode '{camel}' disagree");
            return;
        }

        var given = snake ?? camel;
        if (given is null || code is not { } c)
        {
            return;
        }

        if (c.Parent is not { } expected)
        {
            context.Error("parent_code", $"a level-1 grid (village/community) has no parent, but parent_code is '{given}'");
        }
        else if (given != expected.Value)
        {
            context.Error("parent_code", $"parent_code '{given}' is not the code's parent prefix {expected.Value}");
        }
    }

    private static int? ReadHouseholds(JsonElement properties, FeatureContext context)
    {
        if (!TryGetValue(properties, "households", out var value))
        {
            return null;
        }

        if (!TryReadInteger(value, out var households) || households < 0)
        {
            context.Error("households", $"households must be a non-negative integer, not {value.GetRawText()}");
            return null;
        }

        return households;
    }

    private static string? ReadGeometry(JsonElement feature, FeatureContext context)
    {
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
        {
            context.Error("geometry", "the feature has no geometry");
            return null;
        }

        if (geometry.ValueKind != JsonValueKind.Object
            || !geometry.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String)
        {
            context.Error("geometry", "geometry is not a GeoJSON geometry object");
            return null;
        }

        // ST_GeomFromGeoJSON reads a non-numeric coordinate as 0 instead of failing, which would
        // turn a typo into a silently wrong boundary.
        if (geometry.TryGetProperty("coordinates", out var coordinates) && FindNonNumber(coordinates, "coordinates") is { } path)
        {
            context.Error("geometry", $"{path} is not a number");
            return null;
        }

        if (!geometry.TryGetProperty("crs", out var crs))
        {
            return geometry.GetRawText();
        }

        // The 2008 GeoJSON spec allowed a CRS on a geometry. Accept the lon/lat ones and hand
        // PostGIS the geometry without it (it cannot resolve CRS84 names on its own).
        if (CheckCrs(crs) is { } crsError)
        {
            context.Error("crs", crsError);
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in geometry.EnumerateObject())
            {
                if (member.NameEquals("crs"))
                {
                    continue;
                }

                member.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string? FindNonNumber(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindNonNumber(item, $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }

                    i++;
                }

                return null;
            default:
                return path;
        }
    }

    /// <summary>Returns why a GeoJSON <c>crs</c> member is not acceptable, or null when it names WGS 84 lon/lat.</summary>
    internal static string? CheckCrs(JsonElement crs)
    {
        if (crs.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (crs.ValueKind != JsonValueKind.Object
            || !crs.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() != "name"
            || !crs.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty("name", out var nameElement)
            || nameElement.ValueKind != JsonValueKind.String)
        {
            return $"unsupported crs member {crs.GetRawText()}; only a named CRS (EPSG:4326 or OGC CRS84) is accepted, or none (RFC 7946)";
        }

        var name = nameElement.GetString()!;
        return DescribeCrs(name);
    }

    /// <summary>Null when <paramref name="name"/> is WGS 84 longitude/latitude, otherwise the reason it is refused.</summary>
    public static string? DescribeCrs(string name)
    {
        var normalised = name.Trim().ToLowerInvariant();
        if (Crs84Pattern().IsMatch(normalised))
        {
            return null;
        }

        var epsg = EpsgPattern().Match(normalised);
        if (epsg.Success && epsg.Groups["code"].Value == "4326")
        {
            return null;
        }

        var advice = "; reproject to WGS 84 longitude/latitude first, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson";
        if (epsg.Success)
        {
            var code = epsg.Groups["code"].Value;
            var what = code switch
            {
                "4490" => " (CGCS2000, China's national geodetic system; it differs from WGS 84 by centimetres, but the importer does not assume that for you)",
                "3857" or "900913" => " (Web Mercator metres)",
                _ when int.TryParse(code, out var n) && n is >= 4491 and <= 4554 => " (a CGCS2000 Gauss-Krüger projection in metres)",
                _ when code.StartsWith("326", StringComparison.Ordinal) => " (UTM metres)",
                _ => string.Empty,
            };
            var declared = string.Equals(name.Trim(), $"EPSG:{code}", StringComparison.OrdinalIgnoreCase)
                ? $"EPSG:{code}"
                : $"'{name}' = EPSG:{code}";
            return $"the file declares CRS {declared}{what}; only EPSG:4326 / OGC CRS84 is accepted{advice}";
        }

        return $"the file declares an unknown CRS '{name}'; only EPSG:4326 / OGC CRS84 is accepted{advice}";
    }

    [GeneratedRegex(@"^(urn:ogc:def:crs:ogc:(1\.3)?:crs84|ogc:crs84|crs84|https?://www\.opengis\.net/def/crs/ogc/1\.3/crs84)$")]
    private static partial Regex Crs84Pattern();

    // EPSG:4326, urn:ogc:def:crs:EPSG::4326, urn:ogc:def:crs:EPSG:6.6:4326, http://www.opengis.net/def/crs/EPSG/0/4326
    [GeneratedRegex(@"^(?:(?:urn:ogc:def:crs:)?epsg:(?:[0-9.]*:)?|https?://www\.opengis\.net/def/crs/epsg/[0-9.]+/)(?<code>[0-9]+)$")]
    private static partial Regex EpsgPattern();

    private static string? ReadCode(JsonElement properties, string property, FeatureContext context, bool required)
    {
        if (!TryGetValue(properties, property, out var value))
        {
            if (required)
            {
                context.Error(property, $"{property} is missing");
            }

            return null;
        }

        // A code exported as a JSON number keeps its digits in the raw text (it is never read as
        // a double here, which would lose digits beyond 2^53).
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (text is null)
        {
            context.Error(property, $"{property} must be a string of digits, not {value.GetRawText()}");
            return null;
        }

        if (text.Length == 0)
        {
            if (required)
            {
                context.Error(property, $"{property} is empty");
            }

            return null;
        }

        return text;
    }

    private static string? ReadString(JsonElement properties, string property, FeatureContext context)
    {
        if (!TryGetValue(properties, property, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            context.Error(property, $"{property} must be a string, not {value.GetRawText()}");
            return null;
        }

        return value.GetString();
    }

    /// <summary>Present and not JSON null.</summary>
    private static bool TryGetValue(JsonElement properties, string property, out JsonElement value)
    {
        value = default;
        return properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty(property, out value)
            && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>An integer as a JSON number (3 or 3.0) or as a string of digits ("3"), as spreadsheet exports write it.</summary>
    internal static bool TryReadInteger(JsonElement value, out int result)
    {
        result = 0;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt32(out result))
            {
                return true;
            }

            if (value.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue)
            {
                result = (int)d;
                return true;
            }

            return false;
        }

        return value.ValueKind == JsonValueKind.String
            && int.TryParse(value.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
    }

    private static string DescribeJsonError(JsonException ex)
    {
        // JsonException.Message repeats the position as "LineNumber: 3 | BytePositionInLine: 7.";
        // report it once, counting from 1 as editors do.
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut].TrimEnd();
        }

        return ex.LineNumber is { } line
            ? $"malformed JSON at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {message}"
            : $"malformed JSON: {message}";
    }

    private static GridFeatureFile FileError(string check, string message) =>
        new([], [new ImportIssue(null, null, check, message)]);

    private sealed class FeatureContext(int index, List<ImportIssue> errors)
    {
        public string? Code { get; set; }

        public void Error(string check, string message) => errors.Add(new ImportIssue(index, Code, check, message));
    }
}
