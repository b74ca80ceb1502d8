namespace GridMap.Tools.Simulation;

/// <summary>How a simulated officer moves; the defaults model a patrol on foot.</summary>
public sealed record WalkerSettings
{
    /// <summary>Mean walking speed (m/s); each officer gets a personal pace around it.</summary>
    public double WalkingSpeed { get; init; } = 1.2;

    /// <summary>Standard deviation of the GPS error added to reported positions (metres); 0 for exact positions.</summary>
    public double GpsNoiseMetres { get; init; } = 2.0;

    /// <summary>Mean walking time between two stops (at a door, a shop, a talk): about a fifth of the time is spent stopped.</summary>
    public TimeSpan MeanTimeBetweenStops { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan MinStop { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxStop { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>When a straying officer first leaves the grid (uniform in this range from the start)…</summary>
    public TimeSpan FirstStrayAfterMin { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan FirstStrayAfterMax { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>… and again after this long back inside.</summary>
    public TimeSpan StrayEveryMin { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan StrayEveryMax { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>How far beyond the grid's edge a straying officer goes (metres).</summary>
    public double StrayDistanceMin { get; init; } = 40;

    public double StrayDistanceMax { get; init; } = 90;

    /// <summary>How long a straying officer stays out; at least three report intervals, so the geofence sees it.</summary>
    public TimeSpan StrayStayMin { get; init; } = TimeSpan.FromSeconds(45);

    public TimeSpan StrayStayMax { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>Where the walker is after a step: the true position (metres) and what a phone would report.</summary>
public readonly record struct WalkerFix(
    double X,
    double Y,
    double Lon,
    double Lat,
    double SpeedMps,
    double Heading,
    double Battery,
    bool IsStopped,
    bool IsOutside);

/// <summary>
/// One officer walking the roads of their grid: a random walk on <see cref="PatrolArea"/>'s road
/// graph (no U-turn except at a dead end), at a personal pace with a little noise, with
/// occasional stops of a few minutes. A straying officer now and then walks straight out of the
/// grid to a point beyond its edge, stays there a while, and walks back to where they left the
/// route. Everything random comes from one <see cref="Random"/> seeded by the run's seed and the
/// officer, so a run replays exactly. Not thread-safe: one scheduler steps it.
/// </summary>
public sealed class OfficerWalker
{
    private enum Mode
    {
        Walking,
        Stopped,
        StrayingOut,
        Outside,
        StrayingBack,
    }

    private const double MinWalkBetweenStops = 60;

    private readonly PatrolArea _area;
    private readonly WalkerSettings _settings;
    private readonly Random _random;
    private readonly double _pace;
    private readonly double _drainPerSecond;
    private readonly TimeSpan _reportInterval;

    private Mode _mode = Mode.Walking;
    private int _edge;
    private bool _forward;
    private double _along;
    private double _heading;
    private double _battery;
    private double _modeLeft;       // seconds left of a stop or of the stay outside
    private double _walkedSinceStop = MinWalkBetweenStops;
    private double _untilStray;     // seconds of walking before the next excursion (infinite when not a strayer)
    private (double X, double Y) _strayTarget;
    private (double X, double Y) _strayReturn;
    private (double X, double Y) _offRoute; // the position while off the road graph

    public OfficerWalker(PatrolArea area, int seed, long officerId, bool strays, TimeSpan reportInterval, WalkerSettings? settings = null)
    {
        _area = area;
        _settings = settings ?? new WalkerSettings();
        _random = new Random(MixSeed(seed, officerId));
        _reportInterval = reportInterval;
        OfficerId = officerId;
        Strays = strays;
        _pace = _settings.WalkingSpeed * (0.85 + 0.3 * _random.NextDouble());
        _battery = 55 + 45 * _random.NextDouble();
        _drainPerSecond = (0.8 + 0.8 * _random.NextDouble()) / 360.0; // about 1 % every 4–8 minutes
        _edge = _random.Next(area.Edges.Count);
        _forward = _random.Next(2) == 0;
        _along = _random.NextDouble() * area.Edges[_edge].Length;
        _heading = _random.NextDouble() * 360;
        _untilStray = strays ? Uniform(_settings.FirstStrayAfterMin, _settings.FirstStrayAfterMax) : double.PositiveInfinity;
        Current = Report(PositionOnRoad(), 0);
    }

    public long OfficerId { get; }

    public bool Strays { get; }

    public PatrolArea Area => _area;

    /// <summary>The last fix (the starting position before the first step).</summary>
    public WalkerFix Current { get; private set; }

    /// <summary>Moves the officer on by <paramref name="elapsed"/> and returns the fix a phone would report now.</summary>
    public WalkerFix Step(TimeSpan elapsed)
    {
        var dt = Math.Max(0, elapsed.TotalSeconds);
        var before = TruePosition();
        var speed = 0.0;
        if (dt > 0)
        {
            speed = Advance(dt);
        }

        var after = TruePosition();
        var dx = after.X - before.X;
        var dy = after.Y - before.Y;
        if (dx * dx + dy * dy > 0.01)
        {
            // A phone derives its bearing from the movement: degrees clockwise from north.
            _heading = (Math.Atan2(dx, dy) * 180 / Math.PI + 360) % 360;
        }

        _battery = Math.Max(5, _battery - _drainPerSecond * dt);
        Current = Report(after, speed);
        return Current;
    }

    /// <summary>Spends <paramref name="dt"/> seconds in the current mode(s); returns the speed at the end.</summary>
    private double Advance(double dt)
    {
        var speed = 0.0;
        var left = dt;
        for (var guard = 0; left > 1e-9 && guard < 64; guard++)
        {
            switch (_mode)
            {
                case Mode.Walking:
                {
                    if (_untilStray <= 0 && TryStartExcursion())
                    {
                        continue;
                    }

                    // A stop starts within this slice with the probability of a Poisson process,
                    // but not right after the last one ended (two stops would read as one long one).
                    var slice = Math.Min(left, Math.Max(1e-3, _untilStray));
                    if (_walkedSinceStop >= MinWalkBetweenStops
                        && _random.NextDouble() < 1 - Math.Exp(-slice / _settings.MeanTimeBetweenStops.TotalSeconds))
                    {
                        _mode = Mode.Stopped;
                        _modeLeft = Uniform(_settings.MinStop, _settings.MaxStop);
                        speed = 0;
                        continue;
                    }

                    speed = WalkingSpeedNow();
                    MoveOnRoads(speed * slice);
                    _untilStray -= slice;
                    _walkedSinceStop += slice;
                    left -= slice;
                    break;
                }

                case Mode.Stopped:
                {
                    var slice = Math.Min(left, _modeLeft);
                    _modeLeft -= slice;
                    left -= slice;
                    speed = 0;
                    if (_modeLeft <= 0)
                    {
                        _mode = Mode.Walking;
                        _walkedSinceStop = 0;
                    }

                    break;
                }

                case Mode.StrayingOut:
                case Mode.StrayingBack:
                {
                    var target = _mode == Mode.StrayingOut ? _strayTarget : _strayReturn;
                    speed = WalkingSpeedNow();
                    var distance = Distance(_offRoute, target);
                    var slice = Math.Min(left, distance / speed);
                    var t = distance <= 0 ? 1 : Math.Min(1, speed * slice / distance);
                    _offRoute = (_offRoute.X + (target.X - _offRoute.X) * t, _offRoute.Y + (target.Y - _offRoute.Y) * t);
                    left -= slice;
                    if (t >= 1)
                    {
                        if (_mode == Mode.StrayingOut)
                        {
                            _mode = Mode.Outside;
                            _modeLeft = Math.Max(Uniform(_settings.StrayStayMin, _settings.StrayStayMax), 3 * _reportInterval.TotalSeconds);
                        }
                        else
                        {
                            _mode = Mode.Walking;
                            _untilStray = Uniform(_settings.StrayEveryMin, _settings.StrayEveryMax);
                        }
                    }

                    break;
                }

                case Mode.Outside:
                {
                    var slice = Math.Min(left, _modeLeft);
                    _modeLeft -= slice;
                    left -= slice;
                    speed = 0;
                    if (_modeLeft <= 0)
                    {
                        _mode = Mode.StrayingBack;
                    }

                    break;
                }
            }
        }

        return speed;
    }

    /// <summary>Picks a point beyond the nearest edge of the grid; false (and a later try) when none is found.</summary>
    private bool TryStartExcursion()
    {
        var from = PositionOnRoad();
        var edge = _area.NearestEdgePoint(from.X, from.Y);
        var (ux, uy) = (edge.X - from.X, edge.Y - from.Y);
        var length = Math.Sqrt(ux * ux + uy * uy);
        if (length < 0.5)
        {
            // On the edge itself: away from the middle of the grid.
            (ux, uy) = (from.X - _area.InteriorPoint.X, from.Y - _area.InteriorPoint.Y);
            length = Math.Sqrt(ux * ux + uy * uy);
        }

        if (length > 1e-6)
        {
            (ux, uy) = (ux / length, uy / length);
            for (var d = _settings.StrayDistanceMin + (_settings.StrayDistanceMax - _settings.StrayDistanceMin) * _random.NextDouble(); d <= 400; d *= 1.5)
            {
                var target = (X: edge.X + ux * d, Y: edge.Y + uy * d);
                // Clearly out (GPS noise must not bring it back in), also where the grid is concave.
                if (!_area.IsInside(target.X, target.Y) && Distance(_area.NearestEdgePoint(target.X, target.Y), target) >= 20)
                {
                    _strayTarget = target;
                    _strayReturn = from;
                    _offRoute = from;
                    _mode = Mode.StrayingOut;
                    return true;
                }
            }
        }

        _untilStray = Uniform(_settings.StrayEveryMin, _settings.StrayEveryMax);
        return false;
    }

    private void MoveOnRoads(double distance)
    {
        var remaining = distance;
        for (var guard = 0; remaining > 0 && guard < 10_000; guard++)
        {
            var edge = _area.Edges[_edge];
            var ahead = _forward ? edge.Length - _along : _along;
            if (remaining < ahead)
            {
                _along += _forward ? remaining : -remaining;
                return;
            }

            remaining -= ahead;
            var node = _forward ? edge.To : edge.From;
            var choices = _area.EdgesAt(node).Where(e => e != _edge).ToList();
            // No U-turn unless the road ends here (or leaves the grid).
            var next = choices.Count > 0 ? choices[_random.Next(choices.Count)] : _edge;
            _edge = next;
            _forward = _area.Edges[next].From == node;
            _along = _forward ? 0 : _area.Edges[next].Length;
        }
    }

    private double WalkingSpeedNow() => Math.Clamp(_pace * (1 + 0.08 * Gaussian()), 0.6, 2.0);

    private (double X, double Y) PositionOnRoad() => _area.Edges[_edge].PointAt(_along);

    private (double X, double Y) TruePosition() =>
        _mode is Mode.StrayingOut or Mode.Outside or Mode.StrayingBack ? _offRoute : PositionOnRoad();

    private WalkerFix Report((double X, double Y) truePosition, double speed)
    {
        var outside = _mode is Mode.StrayingOut or Mode.Outside or Mode.StrayingBack;
        var noisy = (X: truePosition.X + _settings.GpsNoiseMetres * Gaussian(), Y: truePosition.Y + _settings.GpsNoiseMetres * Gaussian());
        // On patrol the phone stays on the grid's side of a boundary road; out of the grid anything goes.
        var reported = outside ? noisy : _area.KeepInside(noisy.X, noisy.Y);
        var (lon, lat) = _area.ToLonLat(reported);
        return new WalkerFix(truePosition.X, truePosition.Y, lon, lat, speed, _heading, Math.Round(_battery, 1),
            _mode == Mode.Stopped || (outside && _mode == Mode.Outside), outside && !_area.IsInside(reported.X, reported.Y));
    }

    private double Uniform(TimeSpan min, TimeSpan max) => min.TotalSeconds + (max.TotalSeconds - min.TotalSeconds) * _random.NextDouble();

    private double Gaussian()
    {
        // Box–Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>
    /// The officer's own seed (SplitMix64 of the run's seed and the officer id): stable across
    /// processes and platforms, unlike <see cref="HashCode"/>, which is randomised per process.
    /// </summary>
    internal static int MixSeed(int seed, long officerId)
    {
        unchecked
        {
            var z = (ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)officerId;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)(z ^ (z >> 31));
        }
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) =>
        Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
