using System.Collections.Concurrent;
using System.Threading.Channels;
using GridMap.Data.Live;
using GridMap.Domain.Grids;
using GridMap.Domain.Live;
using GridMap.Domain.Patrol;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Live;

/// <summary>
/// The geofence: every position of an officer on shift is located in the grid tree; leaving all
/// of the grids of the assignments on shift raises an alert (recorded in geofence_alert and
/// pushed to the consoles that may see the officer), coming back clears it. Runs on its own
/// subscription to the feed, so a slow database write delays alerts, never the live positions.
/// </summary>
public sealed class GeofenceMonitor : BackgroundService
{
    private readonly ChannelReader<IReadOnlyList<OfficerPosition>> _feed;
    private readonly OfficerDirectory _directory;
    private readonly GridLocatorSource _locator;
    private readonly LiveRepository _repository;
    private readonly ConsoleSessions _sessions;
    private readonly ShiftClock _clock;
    private readonly LiveOptions _options;
    private readonly IReadOnlySet<string> _exemptRoles;
    private readonly ILogger<GeofenceMonitor> _logger;
    private readonly GeofenceTracker _tracker;
    private readonly ConcurrentDictionary<long, LiveAlertMessage> _open = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GeofenceMonitor(
        PositionFeed feed,
        OfficerDirectory directory,
        GridLocatorSource locator,
        LiveRepository repository,
        ConsoleSessions sessions,
        ShiftClock clock,
        IOptions<LiveOptions> options,
        ILogger<GeofenceMonitor> logger)
    {
        _feed = feed.Subscribe();
        _directory = directory;
        _locator = locator;
        _repository = repository;
        _sessions = sessions;
        _clock = clock;
        _options = options.Value;
        _exemptRoles = _options.ExemptRoles;
        _logger = logger;
        _tracker = new GeofenceTracker(_options.GeofenceConfirmations);
    }

    /// <summary>The alerts open right now (for the snapshot a console gets when it connects, and the officer panel).</summary>
    public IEnumerable<LiveAlertMessage> OpenAlerts => _open.Values;

    public LiveAlertMessage? FindOpenAlert(long officerId) => _open.TryGetValue(officerId, out var alert) ? alert : null;

    /// <summary>Completes once the open alerts have been read back from the database.</summary>
    public Task Started => _started.Task;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var row in await _repository.LoadOpenAlertsAsync(cancellationToken))
        {
            _tracker.RestoreOpenAlert(row.OfficerId, row.Time);
            _open[row.OfficerId] = new LiveAlertMessage(
                row.Id, row.OfficerId, row.Name, LiveAlertKinds.LeftGrid, row.GridCode, row.AtGridCode, row.Lat, row.Lon, row.Time);
        }

        _started.TrySetResult();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var batch in _feed.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ObserveAsync(batch, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "The geofence could not process a batch of {Count} positions", batch.Count);
            }
        }
    }

    internal async Task ObserveAsync(IReadOnlyList<OfficerPosition> batch, CancellationToken cancellationToken)
    {
        var locator = _locator.Current;
        if (locator.Count == 0)
        {
            return; // no grids loaded: everyone would be "outside"
        }

        var oldest = _clock.Now - _options.GeofenceMaxAge;
        // In time order: the tracker counts consecutive reports outside.
        foreach (var position in batch.Where(p => p.Time >= oldest).OrderBy(p => p.Time))
        {
            if (_directory.Find(position.OfficerId) is not { } officer)
            {
                continue;
            }

            var onShift = officer.Assignments
                .Where(a => !_exemptRoles.Contains(a.RoleCode) && _clock.IsOnShift(a.Shift, position.Time))
                .Select(a => a.Grid)
                .ToList();
            var at = locator.Locate(position.Lon, position.Lat);
            var inside = at is not null && onShift.Any(g => at.StartsWith(g.Value, StringComparison.Ordinal));
            switch (_tracker.Observe(position.OfficerId, position.Time, onShift.Count > 0, inside))
            {
                case GeofenceTransition.Left:
                    await RaiseAsync(officer, position, at, cancellationToken);
                    break;
                case GeofenceTransition.Returned:
                    await ClearAsync(officer, position, at, LiveAlertKinds.Returned, cancellationToken);
                    break;
                case GeofenceTransition.ShiftEnded:
                    await ClearAsync(officer, position, at, LiveAlertKinds.ShiftEnded, cancellationToken);
                    break;
            }
        }
    }

    private async Task RaiseAsync(LiveOfficerInfo officer, OfficerPosition position, string? at, CancellationToken cancellationToken)
    {
        long id = 0;
        try
        {
            id = await _repository.InsertAlertAsync(
                new NewAlert(officer.Id, officer.GridCode, at, position.Lat, position.Lon, position.Time), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The consoles still hear of it: an officer out of their grid matters more than the record.
            _logger.LogError(ex, "Could not record the geofence alert of officer {Officer}", officer.Id);
        }

        var alert = new LiveAlertMessage(id, officer.Id, officer.Name, LiveAlertKinds.LeftGrid, officer.GridCode, at, position.Lat, position.Lon, position.Time);
        _open[officer.Id] = alert;
        _logger.LogInformation("Officer {Officer} ({Name}) left their grids {Grid}; now in {At}", officer.Id, officer.Name, officer.GridCode, at ?? "(outside the district)");
        Push(officer, alert);
    }

    private async Task ClearAsync(LiveOfficerInfo officer, OfficerPosition position, string? at, string kind, CancellationToken cancellationToken)
    {
        _open.TryRemove(officer.Id, out var open);
        long id = open?.Id ?? 0;
        try
        {
            id = await _repository.ClearAlertAsync(officer.Id, kind, position.Lat, position.Lon, position.Time, cancellationToken) ?? id;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Could not clear the geofence alert of officer {Officer}", officer.Id);
        }

        _logger.LogInformation("Officer {Officer} ({Name}): geofence alert cleared ({Kind})", officer.Id, officer.Name, kind);
        Push(officer, new LiveAlertMessage(id, officer.Id, officer.Name, kind, officer.GridCode, at, position.Lat, position.Lon, position.Time));
    }

    private void Push(LiveOfficerInfo officer, LiveAlertMessage alert)
    {
        foreach (var session in _sessions.Current)
        {
            if (session.MaySee(officer))
            {
                session.OfferAlert(alert);
            }
        }
    }
}
