using GridMap.Domain.Calendar;
using Npgsql;

namespace GridMap.Data.Cases;

/// <summary>
/// An administrator's edits of the holiday calendar: one date at a time (a late change by the
/// State Council) or a whole year when its arrangement is published. Running deadlines are not
/// moved; new deadlines use the edited calendar once the <see cref="WorkingCalendarSource"/> is
/// invalidated or refreshes.
/// </summary>
public sealed class CalendarRepository(NpgsqlDataSource dataSource, WorkingCalendarSource calendars, TimeProvider time)
{
    private static string Sql(string name) => NamedQueries.Get("Cases", name);

    /// <summary>Sets (or with a null kind, removes) the exception for one date.</summary>
    public async Task SetDayAsync(DateOnly day, CalendarDayKind? kind, string nameZh, string nameEn, string changedBy, CancellationToken cancellationToken)
    {
        if (kind == CalendarDayKind.WorkingDay && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            throw new ArgumentException($"{day:yyyy-MM-dd} is a {day.DayOfWeek}: only a weekend day can be an adjusted working day.", nameof(kind));
        }

        await using var command = dataSource.CreateCommand(Sql("SetCalendarDay"));
        command.Parameters.AddWithValue("day", day);
        command.Parameters.AddText("kind", kind?.ToCode());
        command.Parameters.AddWithValue("name_zh", nameZh);
        command.Parameters.AddWithValue("name_en", nameEn);
        command.Parameters.AddWithValue("changed_by", changedBy);
        command.Parameters.AddInstant("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
        calendars.Invalidate();
    }

    /// <summary>Loads a published year: its exceptions replace whatever that year had, in one transaction.</summary>
    public async Task SetYearAsync(int year, IReadOnlyList<CalendarDay> days, string source, string changedBy, CancellationToken cancellationToken)
    {
        if (days.Any(d => d.Date.Year != year))
        {
            throw new ArgumentException($"Every day must be in {year}.", nameof(days));
        }

        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = new NpgsqlCommand(Sql("ClearCalendarYear"), connection, transaction))
        {
            clear.Parameters.AddWithValue("first", new DateOnly(year, 1, 1));
            clear.Parameters.AddWithValue("last", new DateOnly(year, 12, 31));
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var day in days)
        {
            await using var command = new NpgsqlCommand(Sql("SetCalendarDay"), connection, transaction);
            command.Parameters.AddWithValue("day", day.Date);
            command.Parameters.AddText("kind", day.Kind.ToCode());
            command.Parameters.AddWithValue("name_zh", day.NameZh);
            command.Parameters.AddWithValue("name_en", day.NameEn);
            command.Parameters.AddWithValue("changed_by", changedBy);
            command.Parameters.AddInstant("now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(Sql("SetCalendarYear"), connection, transaction))
        {
            command.Parameters.AddWithValue("year", year);
            command.Parameters.AddWithValue("source", source);
            command.Parameters.AddInstant("now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        calendars.Invalidate();
    }
}
