using System.Collections.Concurrent;
using GridMap.Data.Patrol;
using GridMap.Domain.Access;
using GridMap.Domain.Grids;
using GridMap.Domain.Live;
using GridMap.Domain.Patrol;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Patrol;

/// <summary>
/// An officer as the live layer sees them: who (name, main role and grid), where they may be seen
/// from (every grid they are assigned to) and their latest committed position, if any.
/// </summary>
public sealed record LiveOfficer(
    long OfficerId,
    string Name,
    string? Role,
    string? GridCode,
    IReadOnlyList<GridCode> GridCodes,
    OfficerPosition? Latest)
{
    /// <summary>Whether a user with <paramref name="scope"/> may see this officer: one of their grids is in it.</summary>
    public bool IsVisibleTo(GridScope scope) => scope.IsEverything || GridCodes.Any(scope.Includes);
}

/// <summary>
/// The latest position of every officer, in memory: loaded from officer_latest at start, then
/// moved by each committed batch (never backwards in time). Names, roles and assignments are
/// re-read periodically and when a device is registered. Thread-safe; readers get immutable
/// records.
/// </summary>
public sealed class LiveOfficerRegistry(
    LiveOfficerStore store,
    TimeProvider time,
    IOptions<PatrolOptions> options,
    ILogger<LiveOfficerRegistry> logger)
{
    private readonly ConcurrentDictionary<long, LiveOfficer> _officers = new();
    private volatile bool _loaded;

    public TimeProvider Clock => time;

    public bool TryGet(long officerId, out LiveOfficer officer) => _officers.TryGetValue(officerId, out officer!);

    /// <summary>Every known officer (with or without a position).</summary>
    public IReadOnlyList<LiveOfficer> Snapshot() => _officers.Values.ToList();

    /// <summary>The officers with a position that <paramref name="scope"/> may see, by officer id.</summary>
    public IReadOnlyList<LiveOfficer> Visible(GridScope scope) =>
        _officers.Values.Where(o => o.Latest is not null && o.IsVisibleTo(scope)).OrderBy(o => o.OfficerId).ToList();

    /// <summary>live / stale / offline, by the age of the latest position now.</summary>
    public LiveState StateOf(OfficerPosition latest) =>
        LiveStates.Classify(latest.Time, time.GetUtcNow(), options.Value.StaleAfter, options.Value.OfflineAfter);

    /// <summary>Reads every officer with a device or a stored position (start-up and periodic refresh).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var records = await store.LoadAllAsync(cancellationToken);
        foreach (var record in records)
        {
            Merge(record);
        }

        logger.Log(_loaded ? LogLevel.Debug : LogLevel.Information, "Live registry: {Officers} officers, {Positioned} with a position",
            _officers.Count, _officers.Values.Count(o => o.Latest is not null));
        _loaded = true;
    }

    /// <summary>Re-reads the given officers (a device was registered for them, or they reported unknown).</summary>
    public async Task RefreshAsync(IReadOnlyCollection<long> officerIds, CancellationToken cancellationToken)
    {
        if (officerIds.Count == 0)
        {
            return;
        }

        foreach (var record in await store.LoadAsync(officerIds, cancellationToken))
        {
            Merge(record);
        }
    }

    /// <summary>
    /// Moves officers to their newest committed positions; returns the officers this registry
    /// knew nothing about (their names and grids are to be read with <see cref="RefreshAsync"/>).
    /// </summary>
    public IReadOnlyList<long> Apply(IReadOnlyList<OfficerPosition> committed)
    {
        List<long>? unknown = null;
        foreach (var position in committed)
        {
            var known = true;
            _officers.AddOrUpdate(
                position.OfficerId,
                id =>
                {
                    known = false;
                    return new LiveOfficer(id, "", null, null, [], position);
                },
                (_, current) => current.Latest is { } latest && latest.Time >= position.Time ? current : current with { Latest = position });
            if (!known)
            {
                (unknown ??= []).Add(position.OfficerId);
            }
        }

        return unknown ?? (IReadOnlyList<long>)[];
    }

    private void Merge(LiveOfficerRecord record)
    {
        var codes = record.GridCodes
            .Select(c => GridCode.TryParse(c, out var code) ? code : (GridCode?)null)
            .OfType<GridCode>()
            .ToList();
        var fresh = new LiveOfficer(record.OfficerId, record.Name, record.Role, record.GridCode, codes, record.Latest);
        _officers.AddOrUpdate(
            record.OfficerId,
            fresh,
            // Keep whichever position is newer: ingest may have moved the officer since the read.
            (_, current) => current.Latest is { } latest && (fresh.Latest is null || latest.Time > fresh.Latest.Time)
                ? fresh with { Latest = latest }
                : fresh);
    }
}
