using GridMap.Domain.Cases.Dispatch;
using GridMap.Domain.Live;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data.Cases;

/// <summary>Reads what automatic dispatch decides on: assignments with shifts, and neighbouring grids.</summary>
public sealed class DispatchRepository(NpgsqlDataSource dataSource)
{
    private static string Sql(string name) => NamedQueries.Get("Cases", name);

    /// <summary>Grid officers and leaders assigned (on <paramref name="today"/>) to any of <paramref name="grids"/>.</summary>
    public async Task<IReadOnlyList<DispatchCandidate>> CandidatesAsync(
        IReadOnlyList<string> grids, DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("DispatchCandidates"));
        command.Parameters.Add(new NpgsqlParameter("grids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = grids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("today", today));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<DispatchCandidate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new DispatchCandidate(
                reader.Required<long>("officer_id"),
                reader.Required<string>("name"),
                reader.Required<string>("grid_code"),
                reader.Required<string>("role"),
                new ShiftWindow(
                    reader.Required<string>("shift_code"),
                    TimeOnly.FromTimeSpan(reader.Required<TimeSpan>("starts_at")),
                    TimeOnly.FromTimeSpan(reader.Required<TimeSpan>("ends_at")))));
        }

        return result;
    }

    /// <summary>Third-level grids other than <paramref name="code"/> within <paramref name="metres"/> of the point.</summary>
    public async Task<IReadOnlyList<string>> NeighboursAsync(
        string code, double lat, double lon, double metres, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("NeighbourGrids"));
        command.Parameters.AddWithValue("code", code);
        command.Parameters.AddWithValue("lat", lat);
        command.Parameters.AddWithValue("lon", lon);
        command.Parameters.AddWithValue("metres", metres);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }
}
