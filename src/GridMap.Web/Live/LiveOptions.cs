using GridMap.Domain.Live;

namespace GridMap.Web.Live;

/// <summary>
/// The live layer's settings (configuration section "Live"), among them the one pair of
/// live/stale/offline thresholds of the application (see <see cref="Thresholds"/>).
/// </summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>No report for this long: the officer is shown as stale.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>No report for this long: the officer is shown as offline.</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Officers silent for longer are not drawn at all (the officers' API still lists them).</summary>
    public TimeSpan ShowSilentFor { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A console gets at most one position per officer per interval (the newest wins).</summary>
    public TimeSpan CoalescingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A console gets at most one batch per message kind per interval, so batches fill up.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The viewport a console reports is grown by this fraction of its size on every side.</summary>
    public double ViewportMargin { get; set; } = 0.25;

    /// <summary>Most officers pending for one console; past it the oldest pending update is dropped.</summary>
    public int MaxPendingPerConsole { get; set; } = 20_000;

    /// <summary>Most positions in one "positions" message; the rest follow in the next flush.</summary>
    public int MaxBatch { get; set; } = 2_000;

    /// <summary>Most alerts queued for one console; past it the oldest is dropped.</summary>
    public int MaxAlertsPerConsole { get; set; } = 500;

    /// <summary>How often officers are checked for turning stale or offline.</summary>
    public TimeSpan StateSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often officers and assignments are re-read even when data_version did not move.</summary>
    public TimeSpan DirectoryRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often data_version is compared with the locator's and the directory's.</summary>
    public TimeSpan ReferenceCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive reports outside the assigned grids before an alert is raised.</summary>
    public int GeofenceConfirmations { get; set; } = 2;

    /// <summary>Positions older than this (a phone uploading its backlog) do not move the geofence.</summary>
    public TimeSpan GeofenceMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Roles the geofence ignores, comma-separated: building heads (楼栋长) are residents tied to a
    /// building, not patrols. A string, not an array, because the configuration binder appends to
    /// an array that already has elements.
    /// </summary>
    public string GeofenceExemptRoles { get; set; } = "building_head";

    /// <summary>Longest track one request may ask for.</summary>
    public TimeSpan MaxTrackRange { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Most points one track answer carries (a day at one fix per two seconds).</summary>
    public int MaxTrackPoints { get; set; } = 50_000;

    /// <summary>A stop is a dwell of at least this long …</summary>
    public TimeSpan StopMinDuration { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>… within this radius.</summary>
    public double StopRadiusMetres { get; set; } = 30;

    /// <summary>A building counts as visited when a position came this close to its footprint.</summary>
    public double CoverageDistanceMetres { get; set; } = 30;

    /// <summary>Buildings not visited for this many days are listed as overdue.</summary>
    public int CoverageOverdueDays { get; set; } = 7;

    /// <summary>
    /// How far back the last visit of an overdue building is looked up (beyond it: "no record").
    /// Each day costs a scan of that day's positions near the grid; see docs/api.md.
    /// </summary>
    public int CoverageLookbackDays { get; set; } = 14;

    /// <summary>Longest period (and overdue window) one coverage request may cover.</summary>
    public int CoverageMaxDays { get; set; } = 31;

    /// <summary>The thresholds the officers' live state is classified at, everywhere.</summary>
    public LiveThresholds Thresholds => new(StaleAfter, OfflineAfter);

    /// <summary>Why these options cannot work, or null.</summary>
    public string? Validate() => Thresholds.Validate() is { } error ? $"Live: {error}" : null;

    public IReadOnlySet<string> ExemptRoles =>
        GeofenceExemptRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
