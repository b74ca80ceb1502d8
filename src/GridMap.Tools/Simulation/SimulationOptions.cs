using System.Globalization;

namespace GridMap.Tools.Simulation;

/// <summary>The options of <c>simulate</c>; <see cref="Parse"/> names the flag that is wrong.</summary>
public sealed record SimulationOptions
{
    public const string Usage =
        "usage: simulate [--officers N] [--interval SECONDS] [--url URL] [--osmand-share 0..1] [--stray-share 0..1]\n" +
        "                [--seed N] [--duration SECONDS] [--concurrency N]\n" +
        "  moves N officers along the demo roads of their grids and reports their positions to the console at URL\n" +
        "  (default: the first of GRIDMAP_URLS, else http://127.0.0.1:5000); Ctrl-C stops it";

    public int Officers { get; init; } = 100;

    /// <summary>Time between two reports of one officer (a phone's reporting interval).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    public Uri Url { get; init; } = new("http://127.0.0.1:5000");

    /// <summary>Share of the officers whose phone speaks OsmAnd (Traccar Client); the others use the batch API with their token.</summary>
    public double OsmAndShare { get; init; } = 0.3;

    /// <summary>Share of the officers who now and then leave their grid and come back.</summary>
    public double StrayShare { get; init; } = 0.05;

    public int Seed { get; init; } = 1;

    /// <summary>Stops by itself after this long; null runs until Ctrl-C.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Requests in flight at most.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>The console's URL when --url is not given: the first of GRIDMAP_URLS, a wildcard host made loopback.</summary>
    public static Uri DefaultUrl(string? gridmapUrls)
    {
        var first = (gridmapUrls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return new Uri("http://127.0.0.1:5000");
        }

        // Kestrel's "listen everywhere" forms are not addresses one can connect to.
        foreach (var wildcard in new[] { "://*:", "://+:", "://0.0.0.0:", "://[::]:" })
        {
            first = first.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        }

        return Uri.TryCreate(first, UriKind.Absolute, out var uri) ? uri : new Uri("http://127.0.0.1:5000");
    }

    /// <summary>The options, or the error that names the bad flag.</summary>
    public static (SimulationOptions? Options, string? Error) Parse(IReadOnlyList<string> args, string? gridmapUrls)
    {
        var options = new SimulationOptions { Url = DefaultUrl(gridmapUrls) };
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag is "-h" or "--help")
            {
                return (null, Usage);
            }

            if (!flag.StartsWith("--", StringComparison.Ordinal))
            {
                return (null, $"unexpected argument '{flag}'\n{Usage}");
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"{flag} needs a value");
            }

            var value = args[++i];
            string? error = null;
            switch (flag)
            {
                case "--officers":
                    error = Int(flag, value, 1, 100_000, out var officers);
                    options = options with { Officers = officers };
                    break;
                case "--interval":
                    error = Number(flag, value, 1, 3600, out var interval);
                    options = options with { Interval = TimeSpan.FromSeconds(interval) };
                    break;
                case "--url":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                    {
                        error = $"--url must be an absolute http(s) URL, not '{value}'";
                    }
                    else
                    {
                        options = options with { Url = url };
                    }

                    break;
                case "--osmand-share":
                    error = Number(flag, value, 0, 1, out var osmand);
                    options = options with { OsmAndShare = osmand };
                    break;
                case "--stray-share":
                    error = Number(flag, value, 0, 1, out var stray);
                    options = options with { StrayShare = stray };
                    break;
                case "--seed":
                    error = Int(flag, value, int.MinValue, int.MaxValue, out var seed);
                    options = options with { Seed = seed };
                    break;
                case "--duration":
                    error = Number(flag, value, 1, 7 * 24 * 3600, out var duration);
                    options = options with { Duration = TimeSpan.FromSeconds(duration) };
                    break;
                case "--concurrency":
                    error = Int(flag, value, 1, 1024, out var concurrency);
                    options = options with { Concurrency = concurrency };
                    break;
                default:
                    error = $"unknown option '{flag}'\n{Usage}";
                    break;
            }

            if (error is not null)
            {
                return (null, error);
            }
        }

        return (options, null);
    }

    private static string? Int(string flag, string value, int min, int max, out int result)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result) || result < min || result > max)
        {
            return $"{flag} must be a whole number from {min} to {max}, not '{value}'";
        }

        return null;
    }

    private static string? Number(string flag, string value, double min, double max, out double result)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result) || !double.IsFinite(result) || result < min || result > max)
        {
            return $"{flag} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{value}'";
        }

        return null;
    }
}
