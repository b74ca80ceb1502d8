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

        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? previous;
        await using (var read = new NpgsqlCommand(Sql("GetCalendarDayKind"), connection, transaction))
        {
            read.Parameters.AddWithValue("day", day);
            previous = await read.ExecuteScalarAsync(cancellationToken) as string;
        }

        await using (var command = new NpgsqlCommand(Sql("SetCalendarDay"), connection, transaction))
        {
            command.Parameters.AddWithValue("day", day);
            command.Parameters.AddText("kind", kind?.ToCode());
            command.Parameters.AddWithValue("name_zh", nameZh);
            command.Parameters.AddWithValue("name_en", nameEn);
            command.Parameters.AddWithValue("changed_by", changedBy);
            command.Parameters.AddInstant("now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await RecordChangeAsync(
            connection, transaction, now, changedBy, day.Year, day, previous, kind?.ToCode(),
            kind is null ? null : nameZh, kind is null ? null : nameEn, source: null, dayCount: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

        await RecordChangeAsync(
            connection, transaction, now, changedBy, year, day: null, previousKind: null, kind: null,
            nameZh: null, nameEn: null, source, days.Count, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        calendars.Invalidate();
    }

    /// <summary>The exceptions of one year, by date.</summary>
    public async Task<IReadOnlyList<CalendarDayEntry>> ListYearAsync(int year, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListCalendarYearDays"));
        command.Parameters.AddWithValue("first", new DateOnly(year, 1, 1));
        command.Parameters.AddWithValue("last", new DateOnly(year, 12, 31));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var days = new List<CalendarDayEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new CalendarDayEntry(
                new CalendarDay(reader.GetFieldValue<DateOnly>(0), CalendarDayKinds.FromCode(reader.GetString(1)), reader.GetString(2), reader.GetString(3)),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return days;
    }

    /// <summary>Whether a year's arrangement is loaded (published), with its source; null when not.</summary>
    public async Task<CalendarYearInfo?> GetYearAsync(int year, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("GetCalendarYear"));
        command.Parameters.AddWithValue("year", year);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CalendarYearInfo(reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    /// <summary>The recorded edits of one year, newest first.</summary>
    public async Task<IReadOnlyList<CalendarChange>> ListChangesAsync(int year, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListCalendarChanges"));
        command.Parameters.AddWithValue("year", year);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var changes = new List<CalendarChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new CalendarChange(
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4),
                reader.IsDBNull(5) ? null : CalendarDayKinds.FromCode(reader.GetString(5)),
                reader.IsDBNull(6) ? null : CalendarDayKinds.FromCode(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetInt32(10)));
        }

        return changes;
    }

    private static async Task RecordChangeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, string changedBy, int year, DateOnly? day,
        string? previousKind, string? kind, string? nameZh, string? nameEn, string? source, int? dayCount, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql("InsertCalendarChange"), connection, transaction);
        var p = command.Parameters;
        p.AddInstant("now", now);
        p.AddWithValue("changed_by", changedBy);
        p.AddWithValue("year", year);
        p.Add(new NpgsqlParameter<DateOnly?>("day", NpgsqlTypes.NpgsqlDbType.Date) { TypedValue = day });
        p.AddText("previous_kind", previousKind);
        p.AddText("kind", kind);
        p.AddText("name_zh", nameZh);
        p.AddText("name_en", nameEn);
        p.AddText("source", source);
        p.AddNullable("day_count", dayCount);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>One exception of the calendar with who set it last and when.</summary>
public sealed record CalendarDayEntry(CalendarDay Day, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>A loaded (published) year's arrangement.</summary>
public sealed record CalendarYearInfo(int Year, string Source, DateTimeOffset LoadedAt);

/// <summary>
/// One recorded calendar edit: a date set (<see cref="Day"/>; <see cref="Kind"/> null = back to
/// the weekday rule) or a whole year replaced (<see cref="Day"/> null, <see cref="DayCount"/> exceptions).
/// </summary>
public sealed record CalendarChange(
    DateTimeOffset ChangedAt, string ChangedBy, int Year, DateOnly? Day, CalendarDayKind? PreviousKind, CalendarDayKind? Kind,
    string? NameZh, string? NameEn, string? Source, int? DayCount);
