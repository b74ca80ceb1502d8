using GridMap.Data.Cases;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Indicators;
using GridMap.Web.Endpoints;
using GridMap.Web.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GridMap.Web.Cases;

/// <summary>Registers cases: repositories, options, dispatch, the deadline watcher and the API.</summary>
public static class CaseRegistration
{
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        // The repositories and the domain take plain option objects, not IOptions, so they stay
        // usable from tools and tests without a container.
        services.AddConfigured(ReadCalendarOptions);
        services.AddConfigured(ReadEscalationOptions);
        services.AddConfigured<CaseStoreOptions>(CaseStoreOptions.SectionName);
        services.AddConfigured<IndicatorWeights>(IndicatorWeights.SectionName);
        services.AddConfigured<CaseApiOptions>(CaseApiOptions.SectionName);
        services.AddConfigured<CaseWatcherOptions>(CaseWatcherOptions.SectionName);

        services.TryAddSingleton(TimeProvider.System);
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

    // The binder appends configured list items to the defaults instead of replacing them; a
    // configured list must replace the default one, so lists are read on their own.
    public static WorkingCalendarOptions ReadCalendarOptions(IConfiguration configuration)
    {
        var calendar = configuration.GetSection(WorkingCalendarOptions.SectionName).Get<WorkingCalendarOptions>() ?? new WorkingCalendarOptions();
        if (configuration.GetSection($"{WorkingCalendarOptions.SectionName}:WorkingHours").Get<string[]>() is { Length: > 0 } hours)
        {
            calendar.WorkingHours = [.. hours];
        }

        return calendar;
    }

    public static EscalationOptions ReadEscalationOptions(IConfiguration configuration)
    {
        var escalation = configuration.GetSection("Cases:Escalation").Get<EscalationOptions>() ?? new EscalationOptions();
        if (configuration.GetSection("Cases:Escalation:Thresholds").Get<double[]>() is { Length: > 0 } thresholds)
        {
            escalation.Thresholds = thresholds;
        }

        return escalation;
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
    public double BoundaryFlagMetres { get; set; } = 5;
}

/// <summary>The deadline watcher (section "Cases:Watcher").</summary>
public sealed class CaseWatcherOptions
{
    public const string SectionName = "Cases:Watcher";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Open cases looked at per pass, most urgent deadline first.</summary>
    public int BatchSize { get; set; } = 500;
}
