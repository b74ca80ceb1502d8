using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data.Cases;

/// <summary>
/// Reading case rows by column name (the case row has some forty columns: ordinals would be a
/// trap) and writing the values Npgsql is strict about: timestamptz takes UTC only, so every
/// instant leaves here converted, whatever offset the domain computed it in.
/// </summary>
internal static class CaseRows
{
    public static T? Get<T>(this NpgsqlDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? default : reader.GetFieldValue<T>(ordinal);
    }

    public static T Required<T>(this NpgsqlDataReader reader, string column) where T : notnull =>
        reader.GetFieldValue<T>(reader.GetOrdinal(column));

    public static DateTimeOffset? Instant(this NpgsqlDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
    }

    public static long? NullableInt64(this NpgsqlDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
    }

    public static double? NullableDouble(this NpgsqlDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
    }

    public static string? NullableString(this NpgsqlDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static TimeLimit Limit(this NpgsqlDataReader reader, string prefix) =>
        new(reader.Required<decimal>($"{prefix}_amount"), TimeLimitUnits.FromCode(reader.Required<string>($"{prefix}_unit")));

    public static StageLimits StageLimits(this NpgsqlDataReader reader) =>
        new(reader.Limit("verify"), reader.Limit("dispatch"), reader.Limit("handle"), reader.Limit("check"));

    public static void AddInstant(this NpgsqlParameterCollection parameters, string name, DateTimeOffset? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.UtcDateTime : DBNull.Value });

    public static void AddNullable<T>(this NpgsqlParameterCollection parameters, string name, T? value) where T : struct =>
        parameters.Add(new NpgsqlParameter<T?>(name, value));

    public static void AddText(this NpgsqlParameterCollection parameters, string name, string? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    public static void AddTextArray(this NpgsqlParameterCollection parameters, string name, IEnumerable<string>? values) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)values?.ToArray() ?? DBNull.Value });

    public static void AddUuidArray(this NpgsqlParameterCollection parameters, string name, IEnumerable<Guid> values) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = values.ToArray() });

    /// <summary>One timeline entry; the query must select the case_event columns of GetEvents.sql.</summary>
    public static CaseEvent ReadEvent(NpgsqlDataReader reader)
    {
        var role = reader.NullableString("actor_role");
        var lat = reader.NullableDouble("lat");
        var lon = reader.NullableDouble("lon");
        var cancel = reader.NullableString("cancel_reason");
        var from = reader.NullableString("from_state");
        return new CaseEvent
        {
            Sequence = reader.Required<int>("seq"),
            Action = CaseActions.FromCode(reader.Required<string>("action")),
            From = from is null ? null : CaseStates.FromCode(from),
            To = CaseStates.FromCode(reader.Required<string>("to_state")),
            Actor = CaseActor.FromStored(
                reader.Required<string>("actor"),
                reader.Required<string>("actor_name"),
                role is null ? null : UserRoles.FromCode(role),
                reader.NullableInt64("actor_officer_id")),
            At = reader.Required<DateTimeOffset>("at"),
            Location = lat is { } la && lon is { } lo ? new CaseLocation(la, lo) : null,
            Note = reader.NullableString("note"),
            PhotoIds = reader.Required<Guid[]>("photo_ids"),
            AssigneeOfficerId = reader.NullableInt64("assignee_officer_id"),
            Departments = reader.Get<string[]>("departments"),
            EscalationLevel = reader.Get<short?>("escalation_level"),
            DueAt = reader.Instant("due_at"),
            Deadline = reader.Instant("deadline"),
            CancelReason = cancel is null ? null : CaseValueCodes.CancelReasonFromCode(cancel),
            DuplicateOf = reader.NullableInt64("duplicate_of"),
            Rule = reader.NullableString("rule"),
        };
    }
}
