using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace GridMap.IntegrationTests.Web;

/// <summary>
/// Options are validated when the app starts: a bad value stops start-up with a message naming
/// the option, before any request is served or any background service runs.
/// </summary>
public sealed class OptionsValidationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private OptionsValidationException StartFails(Dictionary<string, string?> settings)
    {
        using var factory = new GridMapAppFactory(_database.ConnectionString, settings);
        var thrown = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        for (Exception? e = thrown; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation)
            {
                return validation;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault() is { } inner)
            {
                return inner;
            }
        }

        Assert.Fail($"expected an OptionsValidationException, got {thrown}");
        throw new UnreachableException();
    }

    [Fact]
    public void An_unknown_district_time_zone_stops_start_up()
    {
        var failure = StartFails(new() { ["District:TimeZone"] = "Mars/Olympus_Mons" });

        Assert.Contains("District:TimeZone", failure.Message);
        Assert.Contains("Mars/Olympus_Mons", failure.Message);
    }

    [Fact]
    public void A_negative_watcher_interval_stops_start_up()
    {
        var failure = StartFails(new() { ["Cases:Watcher:Interval"] = "-00:01:00" });

        Assert.Contains("Cases:Watcher:Interval", failure.Message);
    }
}
