using GridMap.Domain.Access;
using GridMap.Domain.Grids;
using Npgsql;

namespace GridMap.Data.Grids;

/// <summary>Reads current grids, always within the caller's <see cref="GridScope"/>.</summary>
public sealed class GridRepository(NpgsqlDataSource dataSource)
{
    private static string Sql(string name) => NamedQueries.Get("Grids", name);

    public async Task<IReadOnlyList<GridSummary>> ListAsync(GridScope scope, int? level, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListGrids"));
        command.Parameters.Add(new NpgsqlParameter<int?>("level", level));
        command.Parameters.AddScope(scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var grids = new List<GridSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            grids.Add(ReadSummary(reader));
        }

        return grids;
    }

    /// <summary>One grid, or null when it does not exist or is outside the scope (callers answer 404 either way).</summary>
    public async Task<GridDetail?> GetAsync(GridScope scope, string code, CancellationToken cancellationToken)
    {
        if (!GridCode.TryParse(code, out var gridCode))
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        GridSummary summary;
        string? landUse;
        int households, childGrids;
        await using (var command = new NpgsqlCommand(Sql("GetGrid"), connection))
        {
            command.Parameters.AddWithValue("code", gridCode.Value);
            command.Parameters.AddScope(scope);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            summary = ReadSummary(reader);
            landUse = reader.IsDBNull(12) ? null : reader.GetString(12);
            households = reader.GetInt32(13);
            childGrids = reader.GetInt32(14);
        }

        var chain = new List<string>();
        for (GridCode? c = gridCode; c is { } current; c = current.Parent)
        {
            chain.Add(current.Value);
        }

        var ancestors = new List<GridRef>();
        await using (var command = new NpgsqlCommand(Sql("GetGridAncestors"), connection))
        {
            command.Parameters.AddWithValue("codes", chain.Skip(1).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ancestors.Add(new GridRef(reader.GetString(0), reader.GetString(1), reader.GetInt16(2)));
            }
        }

        var officers = new List<GridOfficer>();
        await using (var command = new NpgsqlCommand(Sql("GetGridOfficers"), connection))
        {
            command.Parameters.AddWithValue("codes", chain.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                officers.Add(new GridOfficer(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                    reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.GetString(6), reader.GetString(7), reader.GetString(8),
                    reader.GetString(9)));
            }
        }

        return new GridDetail(summary, landUse, households, childGrids, ancestors, officers);
    }

    // Columns 0-11 of ListGrids and GetGrid: code, name, level, parent, bbox (4), counts (4).
    private static GridSummary ReadSummary(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt16(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        [reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7)],
        reader.GetInt32(8),
        reader.GetInt32(9),
        reader.GetInt32(10),
        reader.GetInt32(11));

    /// <summary>
    /// What a person types into the map's search box, within scope: grids by code prefix or name,
    /// cases by number or description, officers by name, buildings by address, rental houses by
    /// landlord; each kind in that order until <paramref name="limit"/> hits.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(GridScope scope, string text, int limit, CancellationToken cancellationToken)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return [];
        }

        var escaped = text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
        var hits = new List<SearchHit>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var query in SearchQueries)
        {
            if (hits.Count >= limit)
            {
                break;
            }

            await using var command = new NpgsqlCommand(Sql(query), connection);
            command.Parameters.AddWithValue("prefix", escaped + "%");
            command.Parameters.AddWithValue("contains", "%" + escaped + "%");
            command.Parameters.AddWithValue("limit", limit - hits.Count);
            command.Parameters.AddScope(scope);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(new SearchHit(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    [reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7)]));
            }
        }

        return hits;
    }

    /// <summary>The names of the current grids among <paramref name="codes"/> (unknown codes are left out).</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var distinct = codes.Distinct().ToArray();
        var names = new Dictionary<string, string>(distinct.Length);
        if (distinct.Length == 0)
        {
            return names;
        }

        await using var command = dataSource.CreateCommand(Sql("GridNames"));
        command.Parameters.Add(new NpgsqlParameter("codes", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = distinct });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names[reader.GetString(0)] = reader.GetString(1);
        }

        return names;
    }

    private static readonly string[] SearchQueries = ["SearchGrids", "SearchCases", "SearchOfficers", "SearchBuildings", "SearchLandlords"];

    /// <summary>[minLon, minLat, maxLon, maxLat] of the grids in scope, or null when there are none.</summary>
    public async Task<double[]?> GetExtentAsync(GridScope scope, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("GetExtent"));
        command.Parameters.AddScope(scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return [reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)];
    }
}
