using Npgsql;

namespace GridMap.Data.Patrol;

/// <summary>One daily partition of officer_position.</summary>
public sealed record PositionPartition(string Name, DateOnly Day);

/// <summary>
/// The daily partitions of officer_position: created ahead of time (and on demand by the
/// writer), dropped whole when older than the retention. Both go through SQL functions of the
/// migration that serialise on an advisory lock.
/// </summary>
public sealed class PositionPartitions(NpgsqlDataSource dataSource)
{
    private static string Sql(string name) => NamedQueries.Get("Patrol", name);

    /// <summary>Creates the partitions of the days from <paramref name="first"/> to <paramref name="last"/>; returns how many were new.</summary>
    public async Task<int> EnsureAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var created = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            await using var command = new NpgsqlCommand(Sql("EnsurePartition"), connection);
            command.Parameters.AddWithValue("day", day);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                created++;
            }
        }

        return created;
    }

    /// <summary>Drops the partitions of the days before <paramref name="before"/>; returns their names.</summary>
    public async Task<IReadOnlyList<string>> DropBeforeAsync(DateOnly before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("DropPartitions"));
        command.Parameters.AddWithValue("before", before);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var dropped = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            dropped.Add(reader.GetString(0));
        }

        return dropped;
    }

    public async Task<IReadOnlyList<PositionPartition>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListPartitions"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var partitions = new List<PositionPartition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            partitions.Add(new PositionPartition(reader.GetString(0), reader.GetFieldValue<DateOnly>(1)));
        }

        return partitions;
    }
}
