using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Domain.Grids;
using GridMap.Domain.Rectification;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data.Rectification;

/// <summary>
/// Rectification notices and their re-inspections in PostGIS. A notice copies everything it
/// prints at issue time (landlord, address, hazard, basis) and is immutable in the database; its
/// first re-inspection is scheduled at its deadline in the same transaction. Every read and
/// write is scoped by the case's grid. Issuing does not touch the case (its workflow goes on).
/// </summary>
public sealed class RectificationRepository(
    NpgsqlDataSource dataSource, WorkingCalendarSource calendars, TimeProvider time, IOptions<RectificationOptions> options)
{
    private static string Sql(string name) => NamedQueries.Get("Rectification", name);

    /// <summary>Issues a notice for a rental-house hazard case (the caller checked the issuer's role).</summary>
    public async Task<RectificationResult<RectificationNotice>> IssueAsync(
        GridScope scope, long caseId, NoticeRequest request, CaseActor issuer, CancellationToken cancellationToken)
    {
        var calendar = await calendars.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        IssueContext? context;
        await using (var command = new NpgsqlCommand(Sql("IssueContext"), connection, transaction))
        {
            command.Parameters.AddWithValue("id", caseId);
            command.Parameters.AddScope(scope);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            context = await reader.ReadAsync(cancellationToken) ? IssueContext.Read(reader) : null;
        }

        if (context is null)
        {
            return new(RectificationOutcome.NotFound);
        }

        if (!context.RentalHazard)
        {
            return RectificationResult<RectificationNotice>.Refuse("category",
                $"category '{context.CategoryCode}' ({context.CategoryNameZh} / {context.CategoryNameEn}) is not a rental-house hazard: rectification notices are issued only for rental-house hazard categories");
        }

        if (context.State is "closed" or "cancelled")
        {
            return RectificationResult<RectificationNotice>.Refuse("state", $"case {context.CaseNumber} is {context.State}: no notice for a {context.State} case");
        }

        if (context.BuildingId is not { } buildingId)
        {
            return RectificationResult<RectificationNotice>.Refuse("buildingId", $"case {context.CaseNumber} has no building (buildingId): a notice is served on the landlord of a rental house");
        }

        if (context.LandlordName is null || context.LandlordPhone is null || context.Address is null)
        {
            return RectificationResult<RectificationNotice>.Refuse("buildingId", $"building {buildingId} of case {context.CaseNumber} is not a registered rental house: there is no landlord to serve");
        }

        if (context.BasisZh is null || context.BasisEn is null || context.RequirementsZh is null)
        {
            return RectificationResult<RectificationNotice>.Refuse("category",
                $"小类 “{context.SubcategoryCode}” 没有整改依据：请系统管理员在 /admin/rectification 为小类 {context.SubcategoryCode} 添加整改依据 / no legal basis is configured for sub-category '{context.SubcategoryCode}' (table rectification_basis): an administrator can add its basis at /admin/rectification");
        }

        if (request.Supersedes is { } supersedes)
        {
            await using var command = new NpgsqlCommand(Sql("SupersedeTarget"), connection, transaction);
            command.Parameters.AddWithValue("id", supersedes);
            command.Parameters.AddWithValue("case", caseId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return RectificationResult<RectificationNotice>.Refuse("supersedes", $"notice {supersedes} is not a notice of case {context.CaseNumber}");
            }

            if (reader.NullableInt64("superseded_by") is { } by)
            {
                return new(RectificationOutcome.Conflict, Field: "supersedes",
                    Message: $"notice {reader.Required<string>("number")} was already superseded by notice {by}; correct that one instead");
            }
        }

        var deadline = ChooseDeadline(request, context, calendar, now, out var deadlineError);
        if (deadline is null)
        {
            return RectificationResult<RectificationNotice>.Refuse(request.WorkingDays is null ? "deadline" : "workingDays", deadlineError!);
        }

        var grid = GridCode.Parse(context.GridCode);
        var year = calendar.ToLocal(now).Year;
        int sequence;
        await using (var command = new NpgsqlCommand(Sql("NextNoticeNumber"), connection, transaction))
        {
            command.Parameters.AddWithValue("street", grid.StreetCode);
            command.Parameters.AddWithValue("year", year);
            sequence = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var officeZh = context.OfficeZh ?? $"{grid.StreetCode} 街道办事处";
        var officeEn = context.OfficeEn ?? $"Street office {grid.StreetCode}";
        var number = NoticeNumber.Format(context.OfficeShort ?? NoticeNumber.FallbackShortName(grid.StreetCode), year, sequence);
        var requirements = string.IsNullOrWhiteSpace(request.Requirements) ? context.RequirementsZh : request.Requirements.Trim();
        long noticeId;
        await using (var command = new NpgsqlCommand(Sql("InsertNotice"), connection, transaction))
        {
            var p = command.Parameters;
            p.AddWithValue("case_id", caseId);
            p.AddWithValue("grid_code", context.GridCode);
            p.AddWithValue("number", number);
            p.AddWithValue("street_code", grid.StreetCode);
            p.AddWithValue("year", year);
            p.AddWithValue("sequence", sequence);
            p.AddWithValue("building_id", buildingId);
            p.AddWithValue("address", context.Address);
            p.AddWithValue("landlord_name", context.LandlordName);
            p.AddWithValue("landlord_phone", context.LandlordPhone);
            p.AddWithValue("subcategory_code", context.SubcategoryCode);
            p.AddWithValue("hazard_zh", context.HazardZh);
            p.AddWithValue("hazard_en", context.HazardEn);
            p.AddWithValue("description", context.Description);
            p.AddWithValue("basis_zh", context.BasisZh);
            p.AddWithValue("basis_en", context.BasisEn);
            p.AddWithValue("requirements", requirements);
            p.AddInstant("deadline", deadline);
            p.AddWithValue("office_zh", officeZh);
            p.AddWithValue("office_en", officeEn);
            p.AddInstant("issued_at", now);
            p.AddWithValue("issued_by", issuer.Ref);
            p.AddWithValue("issued_by_name", issuer.Name);
            p.AddNullable("supersedes", request.Supersedes);
            noticeId = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        await InsertReinspectionAsync(connection, transaction, noticeId, caseId, context.GridCode, 1, deadline.Value, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(RectificationOutcome.Done, (await ListNoticesAsync(scope, caseId, noticeId, cancellationToken)).Single());
    }

    /// <summary>
    /// The deadline: the one asked for (in the future, within a year), or a number of working days
    /// on the calendar, or by default the case's running handling deadline, else the handling limit
    /// of its sub-category counted from now.
    /// </summary>
    private static DateTimeOffset? ChooseDeadline(NoticeRequest request, IssueContext context, WorkingCalendar calendar, DateTimeOffset now, out string? error)
    {
        error = null;
        if (request.Deadline is { } asked)
        {
            if (asked <= now)
            {
                error = $"deadline {asked:O} is not in the future";
                return null;
            }

            if (asked - now > RectificationRules.MaxDeadlineAhead)
            {
                error = $"deadline {asked:O} is more than a year ahead";
                return null;
            }

            return asked;
        }

        if (request.WorkingDays is { } days)
        {
            return calendar.Deadline(now, TimeLimit.WorkingDays(days));
        }

        if (context.Stage == "handling" && context.CaseDeadline is { } running && running > now)
        {
            return running;
        }

        return calendar.Deadline(now, context.HandleLimit);
    }

    /// <summary>The notices of a case in the caller's scope (or the one asked for), oldest first.</summary>
    public async Task<IReadOnlyList<RectificationNotice>> ListNoticesAsync(
        GridScope scope, long caseId, long? noticeId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListNotices"));
        command.Parameters.AddWithValue("case", caseId);
        command.Parameters.AddNullable("notice", noticeId);
        command.Parameters.AddScope(scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var notices = new List<RectificationNotice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            notices.Add(new RectificationNotice(
                reader.Required<long>("id"),
                reader.Required<long>("case_id"),
                reader.Required<string>("case_number"),
                reader.Required<string>("grid_code"),
                reader.Required<string>("number"),
                reader.Required<long>("building_id"),
                reader.Required<string>("address"),
                reader.Required<string>("landlord_name"),
                reader.Required<string>("landlord_phone"),
                reader.Required<string>("subcategory_code"),
                reader.Required<string>("hazard_zh"),
                reader.Required<string>("hazard_en"),
                reader.Required<string>("description"),
                reader.Required<string>("basis_zh"),
                reader.Required<string>("basis_en"),
                reader.Required<string>("requirements"),
                reader.Required<DateTimeOffset>("deadline"),
                reader.Required<string>("office_zh"),
                reader.Required<string>("office_en"),
                reader.Required<DateTimeOffset>("issued_at"),
                reader.Required<string>("issued_by"),
                reader.Required<string>("issued_by_name"),
                reader.NullableInt64("supersedes"),
                reader.NullableInt64("superseded_by")));
        }

        return notices;
    }

    /// <summary>Re-inspections of one case in the caller's scope, by due time.</summary>
    public Task<IReadOnlyList<Reinspection>> ListForCaseAsync(GridScope scope, long caseId, CancellationToken cancellationToken) =>
        ListAsync(scope, caseId, null, dueOnly: false, 1000, cancellationToken);

    /// <summary>Open re-inspections due by now in the caller's scope, most overdue first.</summary>
    public Task<IReadOnlyList<Reinspection>> ListDueAsync(GridScope scope, int limit, CancellationToken cancellationToken) =>
        ListAsync(scope, null, null, dueOnly: true, limit, cancellationToken);

    public async Task<Reinspection?> GetAsync(GridScope scope, long id, CancellationToken cancellationToken) =>
        (await ListAsync(scope, null, id, dueOnly: false, 1, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<Reinspection>> ListAsync(
        GridScope scope, long? caseId, long? id, bool dueOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ListAsync(connection, null, scope, caseId, id, dueOnly, limit, cancellationToken);
    }

    private async Task<IReadOnlyList<Reinspection>> ListAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, GridScope scope, long? caseId, long? id, bool dueOnly, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql("ListReinspections"), connection, transaction);
        var p = command.Parameters;
        p.AddScope(scope);
        p.AddNullable("case", caseId);
        p.AddNullable("id", id);
        p.AddWithValue("due_only", dueOnly);
        p.AddInstant("now", time.GetUtcNow());
        p.AddWithValue("limit", Math.Clamp(limit, 1, 1000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<Reinspection>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var result = reader.NullableString("result");
            list.Add(new Reinspection(
                reader.Required<long>("id"),
                reader.Required<long>("notice_id"),
                reader.Required<string>("notice_number"),
                reader.Required<long>("case_id"),
                reader.Required<string>("case_number"),
                reader.Required<string>("grid_code"),
                reader.Required<int>("round"),
                reader.Required<DateTimeOffset>("due_at"),
                reader.Required<DateTimeOffset>("created_at"),
                reader.NullableInt64("assignee_officer_id"),
                result is null
                    ? null
                    : new ReinspectionResultInfo(
                        result,
                        reader.NullableString("note"),
                        reader.Required<Guid[]>("photo_ids"),
                        reader.Required<string>("recorded_by"),
                        reader.Required<string>("recorded_by_name"),
                        reader.Required<DateTimeOffset>("recorded_at")),
                reader.Required<bool>("open")));
        }

        return list;
    }

    /// <summary>
    /// Records the result of a re-inspection; "not fixed" schedules the next one
    /// <see cref="RectificationOptions.RepeatDays"/> days from now. Results are immutable: a second
    /// result for the same visit is a conflict.
    /// </summary>
    public async Task<RectificationResult<ReinspectionRecorded>> RecordResultAsync(
        GridScope scope, long id, ReinspectionOutcome outcome, string? note, IReadOnlyList<Guid> photoIds, CaseActor actor,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long noticeId, caseId;
        string gridCode;
        int round;
        await using (var command = new NpgsqlCommand(Sql("LockReinspection"), connection, transaction))
        {
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddScope(scope);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new(RectificationOutcome.NotFound);
            }

            noticeId = reader.Required<long>("notice_id");
            caseId = reader.Required<long>("case_id");
            gridCode = reader.Required<string>("grid_code");
            round = reader.Required<int>("round");
            var assignee = reader.NullableInt64("assignee_officer_id");
            if (actor.Role is not { } role || !RectificationRules.MayRecordResult(role, actor.OfficerId, assignee))
            {
                return new(RectificationOutcome.Forbidden, Message: "only the case's assignee, a grid leader, the command centre or an administrator records a re-inspection");
            }

            if (reader.Required<bool>("has_result"))
            {
                return new(RectificationOutcome.Conflict, Field: "result", Message: $"re-inspection {id} already has its result; results are never changed");
            }

            if (reader.Required<bool>("superseded"))
            {
                return RectificationResult<ReinspectionRecorded>.Refuse("id", $"re-inspection {id} belongs to a notice that was superseded; record it on the correction's re-inspection");
            }

            var state = reader.Required<string>("state");
            if (state is "closed" or "cancelled")
            {
                return RectificationResult<ReinspectionRecorded>.Refuse("id", $"the case of re-inspection {id} is {state}");
            }
        }

        if (photoIds.Count > 0)
        {
            await using var command = new NpgsqlCommand(Sql("UnknownCasePhotos"), connection, transaction);
            command.Parameters.AddUuidArray("photos", photoIds);
            command.Parameters.AddWithValue("case", caseId);
            if (await command.ExecuteScalarAsync(cancellationToken) is Guid[] { Length: > 0 } unknown)
            {
                return RectificationResult<ReinspectionRecorded>.Refuse("photoIds", $"not photos of this case: {string.Join(", ", unknown)}");
            }
        }

        await using (var command = new NpgsqlCommand(Sql("InsertReinspectionResult"), connection, transaction))
        {
            var p = command.Parameters;
            p.AddWithValue("id", id);
            p.AddWithValue("result", outcome.ToCode());
            p.AddText("note", string.IsNullOrWhiteSpace(note) ? null : note.Trim());
            p.AddUuidArray("photo_ids", photoIds);
            p.AddWithValue("recorded_by", actor.Ref);
            p.AddWithValue("recorded_by_name", actor.Name);
            p.AddInstant("recorded_at", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        long? nextId = null;
        if (outcome == ReinspectionOutcome.NotFixed)
        {
            nextId = await InsertReinspectionAsync(
                connection, transaction, noticeId, caseId, gridCode, round + 1, now.AddDays(Math.Max(1, options.Value.RepeatDays)), now, cancellationToken);
        }

        var recorded = (await ListAsync(connection, transaction, GridScope.Everything, null, id, false, 1, cancellationToken)).Single();
        var next = nextId is { } n ? (await ListAsync(connection, transaction, GridScope.Everything, null, n, false, 1, cancellationToken)).Single() : null;
        await transaction.CommitAsync(cancellationToken);
        return new(RectificationOutcome.Done, new ReinspectionRecorded(recorded, next));
    }

    /// <summary>Claims the announcement of these re-inspections; answers the ids not announced before.</summary>
    public async Task<IReadOnlySet<long>> ClaimRemindersAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new HashSet<long>();
        }

        await using var command = dataSource.CreateCommand(Sql("MarkReminded"));
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids.ToArray() });
        command.Parameters.AddInstant("at", time.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new HashSet<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(reader.GetInt64(0));
        }

        return claimed;
    }

    private static async Task<long> InsertReinspectionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long noticeId, long caseId, string gridCode, int round,
        DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql("InsertReinspection"), connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("notice_id", noticeId);
        p.AddWithValue("case_id", caseId);
        p.AddWithValue("grid_code", gridCode);
        p.AddWithValue("round", round);
        p.AddInstant("due_at", dueAt);
        p.AddInstant("created_at", now);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed record IssueContext(
        string CaseNumber,
        string State,
        string GridCode,
        long? BuildingId,
        string Description,
        string SubcategoryCode,
        string? Stage,
        DateTimeOffset? CaseDeadline,
        string CategoryCode,
        bool RentalHazard,
        string CategoryNameZh,
        string CategoryNameEn,
        string HazardZh,
        string HazardEn,
        TimeLimit HandleLimit,
        string? Address,
        string? LandlordName,
        string? LandlordPhone,
        string? BasisZh,
        string? BasisEn,
        string? RequirementsZh,
        string? OfficeZh,
        string? OfficeEn,
        string? OfficeShort)
    {
        public static IssueContext Read(NpgsqlDataReader reader) => new(
            reader.Required<string>("case_number"),
            reader.Required<string>("state"),
            reader.Required<string>("grid_code"),
            reader.NullableInt64("building_id"),
            reader.Required<string>("description"),
            reader.Required<string>("subcategory_code"),
            reader.NullableString("stage"),
            reader.Instant("deadline"),
            reader.Required<string>("category_code"),
            reader.Required<bool>("rental_hazard"),
            reader.Required<string>("category_name_zh"),
            reader.Required<string>("category_name_en"),
            reader.Required<string>("hazard_zh"),
            reader.Required<string>("hazard_en"),
            reader.Limit("handle"),
            reader.NullableString("address"),
            reader.NullableString("landlord_name"),
            reader.NullableString("landlord_phone"),
            reader.NullableString("basis_zh"),
            reader.NullableString("basis_en"),
            reader.NullableString("requirements_zh"),
            reader.NullableString("office_zh"),
            reader.NullableString("office_en"),
            reader.NullableString("office_short"));
    }
}
