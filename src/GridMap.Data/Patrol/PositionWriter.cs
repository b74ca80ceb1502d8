using GridMap.Domain.Patrol;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data.Patrol;

/// <summary>A position to store and when the server received it.</summary>
public readonly record struct StagedPosition(OfficerPosition Position, DateTimeOffset ReceivedAt);

/// <summary>
/// Writes batches of positions on one dedicated connection: binary COPY into a temporary
/// staging table, then in the same transaction INSERT … SELECT … ON CONFLICT DO NOTHING into the
/// partitioned <c>officer_position</c> and an upsert of <c>officer_latest</c>. When
/// <see cref="WriteAsync"/> returns, the batch is committed (synchronous_commit is forced on for
/// this session, so "committed" means "on disk" whatever the server's default). Not thread-safe:
/// one writer loop owns one instance.
/// </summary>
public sealed class PositionWriter : IAsyncDisposable
{
    private static string Sql(string name) => NamedQueries.Get("Patrol", name);

    private readonly NpgsqlDataSource _dataSource;
    private readonly HashSet<DateOnly> _knownPartitions = [];
    private NpgsqlConnection? _connection;

    public PositionWriter(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>
    /// Stores the batch; returns, per item, whether this batch added it (false: the same device
    /// and time was already stored, a duplicate). Throws when nothing was committed.
    /// </summary>
    public async Task<bool[]> WriteAsync(IReadOnlyList<StagedPosition> batch, CancellationToken cancellationToken)
    {
        var added = new bool[batch.Count];
        if (batch.Count == 0)
        {
            return added;
        }

        var connection = await ConnectionAsync(cancellationToken);
        try
        {
            await EnsurePartitionsAsync(connection, batch, cancellationToken);

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var importer = await connection.BeginBinaryImportAsync(Sql("CopyStage"), cancellationToken))
            {
                foreach (var (p, receivedAt) in batch)
                {
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(p.DeviceId, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(p.OfficerId, NpgsqlDbType.Bigint, cancellationToken);
                    await importer.WriteAsync(p.Time.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                    await importer.WriteAsync(p.Lat, NpgsqlDbType.Double, cancellationToken);
                    await importer.WriteAsync(p.Lon, NpgsqlDbType.Double, cancellationToken);
                    await WriteRealAsync(importer, p.SpeedMps, cancellationToken);
                    await WriteRealAsync(importer, p.Heading, cancellationToken);
                    await WriteRealAsync(importer, p.Altitude, cancellationToken);
                    await WriteRealAsync(importer, p.Accuracy, cancellationToken);
                    await WriteRealAsync(importer, p.Battery, cancellationToken);
                    await importer.WriteAsync(receivedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                }

                await importer.CompleteAsync(cancellationToken);
            }

            // Index of each (device, time) in the batch; a duplicate inside the batch keeps the first.
            var indexByKey = new Dictionary<(string, long), int>(batch.Count);
            for (var i = batch.Count - 1; i >= 0; i--)
            {
                indexByKey[(batch[i].Position.DeviceId, PositionTimes.ToStoragePrecision(batch[i].Position.Time).UtcTicks)] = i;
            }

            await using (var write = new NpgsqlBatch(connection, transaction))
            {
                write.BatchCommands.Add(new NpgsqlBatchCommand(Sql("InsertPositions")));
                write.BatchCommands.Add(new NpgsqlBatchCommand(Sql("UpsertLatest")));
                await using var reader = await write.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var key = (reader.GetString(0), reader.GetFieldValue<DateTime>(1).Ticks);
                    if (indexByKey.TryGetValue(key, out var index))
                    {
                        added[index] = true;
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return added;
        }
        catch
        {
            // The connection may be broken or mid-transaction: start afresh next time (the
            // staging table is recreated with it). Partitions may have been dropped under us.
            await ResetAsync();
            throw;
        }
    }

    private static Task WriteRealAsync(NpgsqlBinaryImporter importer, double? value, CancellationToken cancellationToken) =>
        value is { } v
            ? importer.WriteAsync((float)v, NpgsqlDbType.Real, cancellationToken)
            : importer.WriteNullAsync(cancellationToken);

    private async Task EnsurePartitionsAsync(NpgsqlConnection connection, IReadOnlyList<StagedPosition> batch, CancellationToken cancellationToken)
    {
        foreach (var day in batch.Select(s => DateOnly.FromDateTime(s.Position.Time.UtcDateTime)).Distinct())
        {
            if (_knownPartitions.Contains(day))
            {
                continue;
            }

            // Outside the batch's transaction: creating a partition locks the parent table, and
            // that lock must not be held while the batch is written.
            await using var command = new NpgsqlCommand(Sql("EnsurePartition"), connection);
            command.Parameters.AddWithValue("day", day);
            await command.ExecuteScalarAsync(cancellationToken);
            _knownPartitions.Add(day);
        }
    }

    private async Task<NpgsqlConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        await ResetAsync();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var setup = new NpgsqlCommand("SET synchronous_commit = on; " + Sql("CreateStage"), connection);
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _connection = connection;
        return connection;
    }

    private async Task ResetAsync()
    {
        _knownPartitions.Clear();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public ValueTask DisposeAsync() => new(ResetAsync());
}
