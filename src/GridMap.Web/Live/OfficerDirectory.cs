using System.Collections.Frozen;
using GridMap.Data.Live;
using GridMap.Domain.Access;
using GridMap.Domain.Grids;
using GridMap.Domain.Live;

namespace GridMap.Web.Live;

/// <summary>One current assignment: the grid (and everything under it), the role and the shift.</summary>
public sealed record LiveAssignment(GridCode Grid, string RoleCode, ShiftWindow Shift);

/// <summary>
/// An officer as the live layer knows them. <see cref="GridCode"/> is their own grid: the deepest
/// grid they are assigned to, the one a console shows.
/// </summary>
public sealed record LiveOfficerInfo(long Id, string Name, string RoleCode, string GridCode, IReadOnlyList<LiveAssignment> Assignments)
{
    /// <summary>
    /// Whether a user with <paramref name="scope"/> may see this officer: one of the officer's
    /// grids is inside the scope. The same rule as GetOfficer.sql, so the panel and the live layer agree.
    /// </summary>
    public bool IsVisibleTo(GridScope scope) => scope.IsEverything || Assignments.Any(a => scope.Includes(a.Grid));
}

public sealed record LiveRole(string Code, string NameZh, string NameEn, int SortOrder);

/// <summary>
/// Officers, their current assignments and the roles, in memory: the fan-out looks an officer up
/// for every position, so this must not cost a query. Replaced as a whole on refresh.
/// </summary>
public sealed class OfficerDirectory(LiveRepository repository, ILogger<OfficerDirectory> logger)
{
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private Snapshot _snapshot = new(FrozenDictionary<long, LiveOfficerInfo>.Empty, [], -1);
    private int _refreshRequested;

    public bool IsLoaded => Volatile.Read(ref _snapshot).Version >= 0;

    /// <summary>The data_version the directory was read at (-1 before the first load).</summary>
    public long Version => Volatile.Read(ref _snapshot).Version;

    public IReadOnlyList<LiveRole> Roles => Volatile.Read(ref _snapshot).Roles;

    public int Count => Volatile.Read(ref _snapshot).Officers.Count;

    public LiveOfficerInfo? Find(long officerId)
    {
        if (Volatile.Read(ref _snapshot).Officers.TryGetValue(officerId, out var officer))
        {
            return officer;
        }

        // A position from an officer created after the last load: ask the refresher to re-read soon.
        Interlocked.Exchange(ref _refreshRequested, 1);
        return null;
    }

    /// <summary>Whether someone looked up an unknown officer since the last call (and resets the flag).</summary>
    internal bool TakeRefreshRequest() => Interlocked.Exchange(ref _refreshRequested, 0) == 1;

    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (!IsLoaded)
        {
            await LoadAsync(0, cancellationToken);
        }
    }

    public async Task LoadAsync(long dataVersion, CancellationToken cancellationToken)
    {
        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            var rows = await repository.LoadAssignmentsAsync(cancellationToken);
            var roles = await repository.LoadRolesAsync(cancellationToken);
            var officers = new Dictionary<long, LiveOfficerInfo>();
            foreach (var group in rows.GroupBy(r => r.OfficerId))
            {
                // The query orders each officer's rows deepest grid first, then by role order.
                var assignments = group
                    .Where(r => GridCode.TryParse(r.GridCode, out _))
                    .Select(r => new LiveAssignment(GridCode.Parse(r.GridCode), r.RoleCode, new ShiftWindow(r.ShiftCode, r.ShiftStartsAt, r.ShiftEndsAt)))
                    .ToList();
                if (assignments.Count == 0)
                {
                    continue;
                }

                var first = group.First();
                officers[group.Key] = new LiveOfficerInfo(group.Key, first.Name, first.RoleCode, first.GridCode, assignments);
            }

            Volatile.Write(ref _snapshot, new Snapshot(
                officers.ToFrozenDictionary(),
                roles.Select(r => new LiveRole(r.Code, r.NameZh, r.NameEn, r.SortOrder)).ToList(),
                dataVersion));
            logger.LogInformation("Live layer: {Officers} officers with assignments loaded at data version {Version}", officers.Count, dataVersion);
        }
        finally
        {
            _loadGate.Release();
        }
    }

    private sealed record Snapshot(FrozenDictionary<long, LiveOfficerInfo> Officers, IReadOnlyList<LiveRole> Roles, long Version);
}
