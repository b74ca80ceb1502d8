using Npgsql;

namespace GridMap.Data.Reference;

/// <summary>A reference-data row shown in a legend: a code, its names and its map colour.</summary>
public sealed record LegendEntry(string Code, string NameZh, string NameEn, string Color);

/// <summary>Reads the reference tables (building kinds, management modes) that legends show.</summary>
public sealed class ReferenceRepository(NpgsqlDataSource dataSource)
{
    public Task<IReadOnlyList<LegendEntry>> GetBuildingKindsAsync(CancellationToken cancellationToken) =>
        ReadAsync("SELECT code, name_zh, name_en, color FROM building_kind ORDER BY code", cancellationToken);

    public Task<IReadOnlyList<LegendEntry>> GetManagementModesAsync(CancellationToken cancellationToken) =>
        ReadAsync("SELECT code, name_zh, name_en, color FROM management_mode ORDER BY code", cancellationToken);

    private async Task<IReadOnlyList<LegendEntry>> ReadAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<LegendEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new LegendEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return entries;
    }
}
