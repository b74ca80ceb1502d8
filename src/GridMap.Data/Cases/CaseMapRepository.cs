using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using Npgsql;

namespace GridMap.Data.Cases;

/// <summary>A case as the console's map and feed draw it.</summary>
public sealed record CaseMapItem(
    long Id,
    string Number,
    string CategoryCode,
    string SubcategoryCode,
    string SubcategoryNameZh,
    string SubcategoryNameEn,
    string GridCode,
    CaseState State,
    Severity Severity,
    DateTimeOffset? Deadline,
    int EscalationLevel,
    double Lat,
    double Lon,
    long? BuildingId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A building as the place of a report: a point on its footprint and its grid.</summary>
public sealed record BuildingReportPlace(long Id, string Address, string GridCode, double Lat, double Lon);

/// <summary>What the case layer asks for: a box in WGS84 degrees and whether recently closed cases come too.</summary>
public sealed record CaseMapQuery(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    /// <summary>Closed or cancelled cases whose closing (or last change) is at or after this instant; null: open cases only.</summary>
    public DateTimeOffset? ClosedSince { get; init; }

    public int Limit { get; init; } = 5000;
}

/// <summary>
/// Reads for the console's case layer and live case feed. Every query applies the caller's scope
/// on the case's grid code, like <see cref="CaseRepository"/>.
/// </summary>
public sealed class CaseMapRepository(NpgsqlDataSource dataSource)
{
    private static string Sql(string name) => NamedQueries.Get("Cases", name);

    public async Task<IReadOnlyList<CaseMapItem>> InBoxAsync(GridScope scope, CaseMapQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("CaseMapFeatures"));
        var p = command.Parameters;
        p.AddScope(scope);
        p.AddWithValue("min_lon", query.MinLon);
        p.AddWithValue("min_lat", query.MinLat);
        p.AddWithValue("max_lon", query.MaxLon);
        p.AddWithValue("max_lat", query.MaxLat);
        p.AddInstant("closed_since", query.ClosedSince);
        p.AddWithValue("limit", query.Limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The cases in scope that changed most recently, newest first.</summary>
    public async Task<IReadOnlyList<CaseMapItem>> RecentAsync(GridScope scope, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("CaseFeedRecent"));
        command.Parameters.AddScope(scope);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The place of a report at a building, or null when the building does not exist or is outside the scope.</summary>
    public async Task<BuildingReportPlace?> BuildingPlaceAsync(GridScope scope, long buildingId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("BuildingForReport"));
        command.Parameters.AddScope(scope);
        command.Parameters.AddWithValue("id", buildingId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new BuildingReportPlace(
                reader.Required<long>("id"), reader.Required<string>("address"), reader.Required<string>("grid_code"),
                reader.Required<double>("lat"), reader.Required<double>("lon"))
            : null;
    }

    private static async Task<IReadOnlyList<CaseMapItem>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<CaseMapItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new CaseMapItem(
                reader.Required<long>("id"),
                reader.Required<string>("number"),
                reader.Required<string>("category_code"),
                reader.Required<string>("subcategory_code"),
                reader.Required<string>("name_zh"),
                reader.Required<string>("name_en"),
                reader.Required<string>("grid_code"),
                CaseStates.FromCode(reader.Required<string>("state")),
                CaseValueCodes.SeverityFromCode(reader.Required<string>("severity")),
                reader.Instant("deadline"),
                reader.Required<short>("escalation_level"),
                reader.Required<double>("lat"),
                reader.Required<double>("lon"),
                reader.NullableInt64("building_id"),
                reader.Instant("created_at")!.Value,
                reader.Instant("updated_at")!.Value));
        }

        return items;
    }
}
