using GridMap.Data.Patrol;
using GridMap.Domain.Patrol;
using GridMap.Web.Patrol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static GridMap.IntegrationTests.Patrol.PatrolTestKit;

namespace GridMap.IntegrationTests.Patrol;

/// <summary>Daily partitions: created ahead and on demand, dropped whole after the retention.</summary>
public sealed class PositionRetentionTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(cancellationToken: Ct);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private PositionRetention Retention(int days) => new(
        new PositionPartitions(_database.DataSource),
        new FakeTimeProvider(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)),
        Options.Create(new PatrolOptions { RetentionDays = days, PartitionDaysAhead = 3 }),
        NullLogger<PositionRetention>.Instance);

    private async Task InsertAsync(DateOnly day)
    {
        await using var command = _database.DataSource.CreateCommand(
            "INSERT INTO officer_position (device_id, officer_id, time, lat, lon, received_at) VALUES ('p', 1, @t, 23, 114, now())");
        command.Parameters.AddWithValue("t", day.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc));
        await command.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task Partitions_older_than_the_retention_are_dropped_and_the_next_days_created()
    {
        var partitions = new PositionPartitions(_database.DataSource);
        var expired = Today.AddDays(-91);
        var kept = Today.AddDays(-90);
        await partitions.EnsureAsync(expired, expired, Ct);
        await partitions.EnsureAsync(kept, kept, Ct);
        await InsertAsync(expired);
        await InsertAsync(kept);

        var result = await Retention(90).RunOnceAsync(Ct);

        Assert.Equal([$"officer_position_p{expired:yyyyMMdd}"], result.PartitionsDropped);
        var days = (await partitions.ListAsync(Ct)).Select(p => p.Day).ToList();
        Assert.DoesNotContain(expired, days);
        Assert.Contains(kept, days);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Contains(Today.AddDays(i), days));
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT count(*) FROM officer_position", Ct));

        var again = await Retention(90).RunOnceAsync(Ct);
        Assert.Equal(0, again.PartitionsCreated);
        Assert.Empty(again.PartitionsDropped);
    }

    [Fact]
    public async Task A_partition_holds_one_UTC_day()
    {
        var partitions = new PositionPartitions(_database.DataSource);
        var day = Today.AddDays(-3);
        await partitions.EnsureAsync(day, day, Ct);

        var bounds = await _database.ScalarAsync<string>(
            $"SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c WHERE c.relname = 'officer_position_p{day:yyyyMMdd}'", Ct);

        Assert.Contains($"{day:yyyy-MM-dd} 00:00:00+00", bounds);
        Assert.Contains($"{day.AddDays(1):yyyy-MM-dd} 00:00:00+00", bounds);
    }

    [Fact]
    public async Task The_writer_creates_a_missing_day_and_skips_duplicates()
    {
        var day = Today.AddDays(-5);
        var time = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 30)), TimeSpan.Zero);
        await using (var officer = _database.DataSource.CreateCommand("INSERT INTO officer (id, name, gender, phone) VALUES (1, '李明', 'M', '13800000000')"))
        {
            await officer.ExecuteNonQueryAsync(Ct);
        }

        await using var writer = new PositionWriter(_database.DataSource);
        StagedPosition[] batch =
        [
            new(new OfficerPosition(1, "p", time, 23, 114, SpeedMps: 1.5), DateTimeOffset.UtcNow),
            new(new OfficerPosition(1, "p", time.AddSeconds(5), 23.001, 114, Battery: 80), DateTimeOffset.UtcNow),
            new(new OfficerPosition(1, "p", time, 23, 114), DateTimeOffset.UtcNow),
        ];

        var first = await writer.WriteAsync(batch, Ct);
        var second = await writer.WriteAsync(batch, Ct);

        Assert.Equal([true, true, false], first);
        Assert.Equal([false, false, false], second);
        Assert.Equal(2, await _database.ScalarAsync<long>($"SELECT count(*) FROM officer_position_p{day:yyyyMMdd}", Ct));
        Assert.Equal(time.AddSeconds(5).UtcDateTime, await _database.ScalarAsync<DateTime>("SELECT time FROM officer_latest WHERE officer_id = 1", Ct));
    }
}
