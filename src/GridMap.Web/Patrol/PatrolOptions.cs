using GridMap.Domain.Patrol;

namespace GridMap.Web.Patrol;

/// <summary>
/// Live patrols: ingest, devices and retention (section "Patrol"). The officers' live/stale/offline
/// thresholds are the live layer's (section "Live").
/// </summary>
public sealed class PatrolOptions
{
    public const string SectionName = "Patrol";

    /// <summary>The port OsmAnd clients (Traccar Client) may also use, at any path.</summary>
    public const int DefaultOsmAndPort = 5055;

    /// <summary>Days of positions kept; older daily partitions are dropped whole.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>Daily partitions created ahead of today (the writer also creates a missing one on demand).</summary>
    public int PartitionDaysAhead { get; set; } = 3;

    /// <summary>How often partitions are created ahead and old ones dropped.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far ahead of the server's clock a position's time may be (phones' clocks drift).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old a position may be when it arrives (phones send what they buffered offline).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The dedicated OsmAnd port. Unset: <see cref="DefaultOsmAndPort"/> when the web application
    /// runs as its own process, none when another program hosts it (the tests). 0 turns it off.
    /// </summary>
    public int? OsmAndPort { get; set; }

    /// <summary>The address the OsmAnd port listens on: all interfaces by default, since phones are elsewhere.</summary>
    public string OsmAndBindAddress { get; set; } = "0.0.0.0";

    /// <summary>Positions waiting to be written, at most; beyond it requests get 503 with Retry-After.</summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Positions written in one transaction, at most.</summary>
    public int MaxBatchSize { get; set; } = 5_000;

    /// <summary>How long the writer waits for more positions to fill a batch once it has one.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Positions in one request of the batch API, at most.</summary>
    public int MaxPositionsPerRequest { get; set; } = 1_000;

    /// <summary>Bytes in one ingest request body, at most.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>The Retry-After of a 503 (queue full, database unavailable).</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>How long a request waits for its positions to be committed before answering 503.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the writer pauses after a failed batch (database down) before the next one.</summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the device table is re-read (registrations and revocations made by other processes).</summary>
    public TimeSpan DeviceRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an unknown device id or token is remembered as unknown (spares the database from a misconfigured phone).</summary>
    public TimeSpan UnknownDeviceCacheTime { get; set; } = TimeSpan.FromSeconds(10);

    public PositionRules Rules => new(MaxFutureSkew, MaxAge);

    /// <summary>Why these options cannot work, or null.</summary>
    public string? Validate()
    {
        if (RetentionDays < 1)
        {
            return "Patrol:RetentionDays must be at least 1";
        }

        if (MaxAge >= TimeSpan.FromDays(RetentionDays))
        {
            return "Patrol:MaxAge must be shorter than Patrol:RetentionDays (a position older than the retention would land in a dropped partition)";
        }

        if (QueueCapacity < 1 || MaxBatchSize < 1 || MaxPositionsPerRequest < 1)
        {
            return "Patrol:QueueCapacity, MaxBatchSize and MaxPositionsPerRequest must be positive";
        }

        return OsmAndPort is < 0 or > 65535 ? "Patrol:OsmAndPort must be a port number (0 turns it off)" : null;
    }
}
