using System.ComponentModel.DataAnnotations;
using System.Globalization;
using GridMap.Data.Cases;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Web.Live;
using GridMap.Web.Security;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Cases;

/// <summary>The case layer and the case feed of the console map (section "Cases:Map").</summary>
public sealed class CaseMapOptions
{
    public const string SectionName = "Cases:Map";

    /// <summary>How far back "recently closed" reaches (closed or cancelled cases shown behind their switch).</summary>
    [Range(0, 365)]
    public int RecentlyClosedDays { get; set; } = 7;

    /// <summary>The most the largest closed-days request may ask for.</summary>
    [Range(0, 365)]
    public int MaxClosedDays { get; set; } = 30;

    /// <summary>Features per layer request; the most recently changed are kept when a box holds more.</summary>
    [Range(1, 100_000)]
    public int MaxFeatures { get; set; } = 5000;

    /// <summary>Cases the feed shows on load.</summary>
    [Range(1, 1000)]
    public int FeedSize { get; set; } = 50;
}

/// <summary>One case of the layer as GeoJSON.</summary>
public sealed record CaseMapFeature(string Type, long Id, CaseMapGeometry Geometry, LiveCaseMessage Properties);

public sealed record CaseMapGeometry(string Type, double[] Coordinates);

public sealed record CaseMapCollection(string Type, IReadOnlyList<CaseMapFeature> Features, bool Truncated);

/// <summary>Where a report at a building is placed.</summary>
public sealed record BuildingReportPlaceResponse(long BuildingId, string Address, string GridCode, double Lat, double Lon);

/// <summary>
/// Reads for the console's case layer (GeoJSON in a bounding box), its case feed (most recent
/// changes) and the place of a report at a building. Scoped like the case API: nothing outside
/// the caller's grids is returned.
/// </summary>
public static class CaseMapEndpoints
{
    public static IServiceCollection AddCaseMap(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CaseMapOptions>()
            .BindConfiguration(CaseMapOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CaseMapRepository>();
        return services;
    }

    public static IEndpointRouteBuilder MapCaseMapEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").RequireAuthorization();
        group.AddEndpointFilter(async (context, next) =>
        {
            // Content depends on who asks and changes with every report: never from a cache.
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        group.MapGet("/map", MapAsync);
        group.MapGet("/feed", FeedAsync);
        group.MapGet("/intake/buildings/{id:long}", BuildingPlaceAsync);
        return app;
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Parses "minLon,minLat,maxLon,maxLat" (WGS84 degrees); the error names what is wrong.</summary>
    public static string? TryParseBbox(string? text, out CaseMapQuery box)
    {
        box = new CaseMapQuery(0, 0, 0, 0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return "bbox is required: minLon,minLat,maxLon,maxLat in WGS84 degrees";
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[4];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok)
            || !values.All(double.IsFinite))
        {
            return $"bbox must be four numbers minLon,minLat,maxLon,maxLat (got '{text}')";
        }

        if (values[0] < -180 || values[2] > 180 || values[1] < -90 || values[3] > 90)
        {
            return "bbox is outside ±180 longitude / ±90 latitude";
        }

        if (values[0] > values[2] || values[1] > values[3])
        {
            return "bbox minimum is greater than its maximum (order: minLon,minLat,maxLon,maxLat)";
        }

        // Web Mercator (the indexed copy of the points) ends at ±85.05°; nothing of a district lies beyond.
        box = new CaseMapQuery(values[0], Math.Max(values[1], -85), values[2], Math.Min(values[3], 85));
        return null;
    }

    private static async Task<IResult> MapAsync(
        HttpContext context, CaseMapRepository cases, IOptions<CaseMapOptions> options, TimeProvider time,
        string? bbox, int? closedDays, CancellationToken cancellationToken)
    {
        if (TryParseBbox(bbox, out var box) is { } error)
        {
            return Invalid("bbox", error);
        }

        if (closedDays is { } days && (days < 0 || days > options.Value.MaxClosedDays))
        {
            return Invalid("closedDays", $"closedDays must be between 0 and {options.Value.MaxClosedDays} (got {days})");
        }

        var now = time.GetUtcNow();
        var query = box with
        {
            ClosedSince = closedDays is > 0 ? now.AddDays(-closedDays.Value) : null,
            // One more than the limit says whether the box held more.
            Limit = options.Value.MaxFeatures + 1,
        };
        var items = await cases.InBoxAsync(context.User.GetGridScope(), query, cancellationToken);
        var features = items.Take(options.Value.MaxFeatures)
            .Select(i => new CaseMapFeature("Feature", i.Id, new CaseMapGeometry("Point", [i.Lon, i.Lat]), ToMessage(i, now)))
            .ToList();
        return Results.Json(new CaseMapCollection("FeatureCollection", features, items.Count > options.Value.MaxFeatures),
            contentType: "application/geo+json");
    }

    private static async Task<IResult> FeedAsync(
        HttpContext context, CaseMapRepository cases, IOptions<CaseMapOptions> options, TimeProvider time, int? limit, CancellationToken cancellationToken)
    {
        if (limit is { } n && (n < 1 || n > 200))
        {
            return Invalid("limit", $"limit must be between 1 and 200 (got {n})");
        }

        var now = time.GetUtcNow();
        var items = await cases.RecentAsync(context.User.GetGridScope(), limit ?? options.Value.FeedSize, cancellationToken);
        return Results.Ok(items.Select(i => ToMessage(i, now)).ToList());
    }

    private static async Task<IResult> BuildingPlaceAsync(
        HttpContext context, long id, CaseMapRepository cases, CancellationToken cancellationToken)
    {
        var place = await cases.BuildingPlaceAsync(context.User.GetGridScope(), id, cancellationToken);
        return place is null
            ? Results.Problem(title: $"Building {id} does not exist or is not among your grids.", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(new BuildingReportPlaceResponse(place.Id, place.Address, place.GridCode, place.Lat, place.Lon));
    }

    /// <summary>The same shape as the hub's "cases" message, so the console merges both alike.</summary>
    public static LiveCaseMessage ToMessage(CaseMapItem i, DateTimeOffset now) => new(
        i.Id, i.Number, i.State.ToCode(), i.GridCode, i.Lat, i.Lon,
        i.Deadline is { } d && WorkingCalendar.IsOverdue(d, now), i.EscalationLevel,
        i.SubcategoryCode, i.SubcategoryNameZh, i.SubcategoryNameEn, i.Severity.ToCode(), i.Deadline, i.UpdatedAt);
}
