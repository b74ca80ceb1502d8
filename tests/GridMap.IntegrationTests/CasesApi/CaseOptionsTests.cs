using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Web.Cases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridMap.IntegrationTests.CasesApi;

/// <summary>Configured lists replace the defaults (the binder alone would append to them).</summary>
public sealed class CaseOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCases(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Configured_thresholds_and_working_hours_replace_the_defaults()
    {
        using var services = Services(new()
        {
            ["Cases:Escalation:Thresholds:0"] = "1",
            ["Cases:Escalation:Thresholds:1"] = "3",
            ["Calendar:WorkingHours:0"] = "09:00-17:00",
            ["Calendar:NearingFraction"] = "0.9",
        });

        Assert.Equal([1.0, 3.0], services.GetRequiredService<IOptions<EscalationOptions>>().Value.Thresholds);
        var calendar = services.GetRequiredService<IOptions<WorkingCalendarOptions>>().Value;
        Assert.Equal(["09:00-17:00"], calendar.WorkingHours);
        Assert.Equal(0.9, calendar.NearingFraction);
    }

    [Fact]
    public void Without_configuration_the_defaults_stand()
    {
        using var services = Services([]);

        Assert.Equal([1.0, 1.5, 2.0], services.GetRequiredService<IOptions<EscalationOptions>>().Value.Thresholds);
        Assert.Equal(["08:30-12:00", "14:00-17:30"], services.GetRequiredService<IOptions<WorkingCalendarOptions>>().Value.WorkingHours);
    }
}
