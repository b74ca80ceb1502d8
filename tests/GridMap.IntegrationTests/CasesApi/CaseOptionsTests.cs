using GridMap.Web.Cases;
using Microsoft.Extensions.Configuration;

namespace GridMap.IntegrationTests.CasesApi;

/// <summary>Configured lists replace the defaults (the binder alone would append to them).</summary>
public sealed class CaseOptionsTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Configured_thresholds_and_working_hours_replace_the_defaults()
    {
        var configuration = Config(new()
        {
            ["Cases:Escalation:Thresholds:0"] = "1",
            ["Cases:Escalation:Thresholds:1"] = "3",
            ["Calendar:WorkingHours:0"] = "09:00-17:00",
            ["Calendar:NearingFraction"] = "0.9",
        });

        Assert.Equal([1.0, 3.0], CaseRegistration.ReadEscalationOptions(configuration).Thresholds);
        var calendar = CaseRegistration.ReadCalendarOptions(configuration);
        Assert.Equal(["09:00-17:00"], calendar.WorkingHours);
        Assert.Equal(0.9, calendar.NearingFraction);
    }

    [Fact]
    public void Without_configuration_the_defaults_stand()
    {
        var configuration = Config([]);

        Assert.Equal([1.0, 1.5, 2.0], CaseRegistration.ReadEscalationOptions(configuration).Thresholds);
        Assert.Equal(["08:30-12:00", "14:00-17:30"], CaseRegistration.ReadCalendarOptions(configuration).WorkingHours);
    }
}
