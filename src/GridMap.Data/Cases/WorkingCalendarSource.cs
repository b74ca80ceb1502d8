using GridMap.Domain.Calendar;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridMap.Data.Cases;

/// <summary>
/// The working calendar built from calendar_day / calendar_year and the configured working
/// hours. Deadlines are computed on every transition, so the calendar is cached and rebuilt at
/// most every <see cref="RefreshInterval"/>, or at once after <see cref="Invalidate"/> (an
/// administrator's edit in this process).
/// </summary>
public sealed class WorkingCalendarSource(
    NpgsqlDataSource dataSource, IOptions<WorkingCalendarOptions> options, DistrictTimeZone district, TimeProvider time)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);

    private static string Sql(string name) => NamedQueries.Get("Cases", name);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (WorkingCalendar Calendar, DateTimeOffset LoadedAt)? _cached;

    public WorkingHours Hours { get; } = options.Value.ParseWorkingHours();

    public TimeZoneInfo Zone { get; } = district.Zone;

    public double NearingFraction => options.Value.NearingFraction;

    public async Task<WorkingCalendar> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && time.GetUtcNow() - hit.LoadedAt < RefreshInterval)
        {
            return hit.Calendar;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && time.GetUtcNow() - again.LoadedAt < RefreshInterval)
            {
                return again.Calendar;
            }

            var calendar = await LoadAsync(cancellationToken);
            _cached = (calendar, time.GetUtcNow());
            return calendar;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _cached = null;

    private async Task<WorkingCalendar> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var days = new List<CalendarDay>();
        await using (var command = new NpgsqlCommand(Sql("LoadCalendar"), connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                days.Add(new CalendarDay(
                    reader.GetFieldValue<DateOnly>(0), CalendarDayKinds.FromCode(reader.GetString(1)), reader.GetString(2), reader.GetString(3)));
            }
        }

        var years = new List<int>();
        await using (var command = new NpgsqlCommand(Sql("LoadCalendarYears"), connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                years.Add(reader.GetInt32(0));
            }
        }

        return new WorkingCalendar(days, Hours, Zone, years);
    }
}
