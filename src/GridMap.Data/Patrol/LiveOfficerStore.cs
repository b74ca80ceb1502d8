using GridMap.Domain.Patrol;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data.Patrol;

/// <summary>
/// An officer as the live registry knows them: name, main role and grid, every grid they are
/// assigned to (what decides who may see them), and the latest stored position if any.
/// </summary>
public sealed record LiveOfficerRecord(
    long OfficerId,
    string Name,
    string? Role,
    string? GridCode,
    IReadOnlyList<string> GridCodes,
    OfficerPosition? Latest);

/// <summary>Reads officers and their latest positions (officer_latest) for the live registry.</summary>
public sealed class LiveOfficerStore(NpgsqlDataSource dataSource)
{
    /// <summary>Every officer with a device or a stored latest position.</summary>
    public Task<IReadOnlyList<LiveOfficerRecord>> LoadAllAsync(CancellationToken cancellationToken) =>
        LoadAsync(null, cancellationToken);

    /// <summary>The given officers (those that exist).</summary>
    public Task<IReadOnlyList<LiveOfficerRecord>> LoadAsync(IReadOnlyCollection<long> officerIds, CancellationToken cancellationToken) =>
        LoadAsync(officerIds.ToArray(), cancellationToken);

    private async Task<IReadOnlyList<LiveOfficerRecord>> LoadAsync(long[]? ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(NamedQueries.Get("Patrol", "LoadLiveOfficers"));
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = (object?)ids ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var officers = new List<LiveOfficerRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            OfficerPosition? latest = reader.IsDBNull(5)
                ? null
                : new OfficerPosition(
                    id,
                    reader.GetString(5),
                    reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetDouble(7),
                    reader.GetDouble(8),
                    SpeedMps: Real(reader, 9),
                    Heading: Real(reader, 10),
                    Battery: Real(reader, 11),
                    Accuracy: Real(reader, 12));
            officers.Add(new LiveOfficerRecord(
                id,
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<string[]>(4),
                latest));
        }

        return officers;
    }

    // Stored as real (4 bytes); rounded so that 1.4 does not come back as 1.3999999761581421.
    private static double? Real(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Math.Round(reader.GetFloat(ordinal), 3);
}
