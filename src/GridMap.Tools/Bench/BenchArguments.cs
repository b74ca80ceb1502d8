using System.Globalization;

namespace GridMap.Tools.Bench;

/// <summary>One option's value, read as the option asks; a bad value names the option and its range.</summary>
internal readonly record struct BenchOption(string Flag, string Value)
{
    public int Int(int min, int max) =>
        int.TryParse(Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new FormatException($"{Flag} must be a whole number from {min} to {max}, not '{Value}'");

    public TimeSpan Seconds(double min, double max) =>
        double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? TimeSpan.FromSeconds(v)
            : throw new FormatException($"{Flag} must be a number of seconds from {min} to {max}, not '{Value}'");
}

/// <summary>
/// The "--flag value" options of a bench verb (args[0] is the verb). <c>--web PATH</c> (the web
/// app to start) is common to all; every other flag goes to the verb's <c>apply</c>, which throws
/// <see cref="FormatException"/> for an unknown flag or a bad value.
/// </summary>
internal static class BenchArguments
{
    public static (T? Settings, string? Web, string? Error) Parse<T>(IReadOnlyList<string> args, T settings, Func<T, BenchOption, T> apply)
        where T : class
    {
        string? web = null;
        for (var i = 1; i < args.Count; i++)
        {
            var flag = args[i];
            if (i + 1 >= args.Count)
            {
                return (null, null, $"{flag} needs a value");
            }

            var option = new BenchOption(flag, args[++i]);
            if (flag == "--web")
            {
                web = Path.GetFullPath(option.Value); // the web process runs in its own folder
                continue;
            }

            try
            {
                settings = apply(settings, option);
            }
            catch (FormatException ex)
            {
                return (null, null, ex.Message);
            }
        }

        return (settings, web, null);
    }
}
