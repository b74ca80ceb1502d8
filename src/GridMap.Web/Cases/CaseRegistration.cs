using System.ComponentModel.DataAnnotations;
using GridMap.Data.Cases;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Indicators;
using GridMap.Web.Grids;
using GridMap.Web.Live;
using GridMap.Web.Security;
using GridMap.Web.Services;
using GridMap.Web.Tiles;

namespace GridMap.Web.Cases;

/// <summary>Registers cases: repositories, options, dispatch, the deadline watcher and the API.</summary>
public static class CaseRegistration
{
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkingCalendarOptions>()
            .BindConfiguration(WorkingCalendarOptions.SectionName)
            .Configure<IConfiguration>((o, c) => ReplaceList(c, $"{WorkingCalendarOptions.SectionName}:WorkingHours", (string[] hours) => o.WorkingHours = [.. hours]))
            .Validate(o => o.NearingFraction is > 0 and < 1, "Calendar:NearingFraction must be between 0 and 1")
            .Validate(o => TryParseHours(o), "Calendar:WorkingHours must be periods such as \"08:30-12:00\", in order and not overlapping")
            .ValidateOnStart();
        services.AddOptions<EscalationOptions>()
            .BindConfiguration(EscalationSection)
            .Configure<IConfiguration>((o, c) => ReplaceList(c, $"{EscalationSection}:Thresholds", (double[] t) => o.Thresholds = t))
            .Validate(o => o.Thresholds.Length is > 0 and <= Escalation.MaxLevel && o.Thresholds[0] > 0 && o.Thresholds.Zip(o.Thresholds.Skip(1)).All(p => p.First <= p.Second),
                "Cases:Escalation:Thresholds must be one to three positive fractions in ascending order (levels 1, 2, 3)")
            .ValidateOnStart();
        services.AddOptions<CaseStoreOptions>()
            .BindConfiguration(CaseStoreOptions.SectionName)
            .Validate(o => o.MaxPhotoBytes > 0, "Cases:MaxPhotoBytes must be positive")
            .Validate(o => o.DuplicateRadiusMetres >= 0, "Cases:DuplicateRadiusMetres must not be negative")
            .ValidateOnStart();
        services.AddOptions<IndicatorWeights>()
            .BindConfiguration(IndicatorWeights.SectionName)
            .Validate(
                o => new[] { o.ClosureRate, o.OnTimeClosureRate, o.AccurateFilingRate, o.AccurateDispatchRate, o.OnTimeVerificationRate, o.OnTimeCheckRate, o.ReworkRate }
                    is var all && all.All(w => w >= 0) && all.Sum() > 0,
                "Cases:Indicators weights must not be negative and must not all be zero")
            .ValidateOnStart();
        services.AddOptions<CaseApiOptions>()
            .BindConfiguration(CaseApiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<CaseWatcherOptions>()
            .BindConfiguration(CaseWatcherOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Interval >= TimeSpan.Zero, "Cases:Watcher:Interval must not be negative (zero turns the watcher off)")
            .ValidateOnStart();

        services.AddSingleton<WorkingCalendarSource>();
        services.AddSingleton<CaseRepository>();
        services.AddSingleton<TaxonomyRepository>();
        services.AddSingleton<CalendarRepository>();
        services.AddSingleton<CaseStatisticsRepository>();
        services.AddSingleton<DispatchRepository>();
        services.AddSingleton<CaseDispatcher>();
        services.AddSingleton<CaseFeed>();
        services.AddSingleton<CaseIntake>();
        services.AddSingleton<FieldErrorText>();
        services.AddSingleton<CaseDeadlineWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CaseDeadlineWatcher>());
        services.AddCaseMap(configuration);
        return services;
    }

    public const string EscalationSection = "Cases:Escalation";

    // The binder appends configured list items to the defaults instead of replacing them; a
    // configured list must replace the default one, so lists are read again on their own.
    private static void ReplaceList<T>(IConfiguration configuration, string key, Action<T[]> replace)
    {
        if (configuration.GetSection(key).Get<T[]>() is { Length: > 0 } configured)
        {
            replace(configured);
        }
    }

    private static bool TryParseHours(WorkingCalendarOptions options)
    {
        try
        {
            options.ParseWorkingHours();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static WebApplication MapCases(this WebApplication app)
    {
        app.MapCaseEndpoints();
        app.MapCaseMapEndpoints();
        return app;
    }
}

/// <summary>Intake settings (section "Cases:Api").</summary>
public sealed class CaseApiOptions
{
    public const string SectionName = "Cases:Api";

    /// <summary>A report this close to another third-level grid records that grid as flagged for a person to confirm.</summary>
    [Range(0, 1000)]
    public double BoundaryFlagMetres { get; set; } = 5;
}

/// <summary>The deadline watcher (section "Cases:Watcher").</summary>
public sealed class CaseWatcherOptions
{
    public const string SectionName = "Cases:Watcher";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Open cases looked at per pass, most urgent deadline first.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}
