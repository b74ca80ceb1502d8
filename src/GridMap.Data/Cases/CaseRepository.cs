using System.Security.Cryptography;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Domain.Grids;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data.Cases;

/// <summary>
/// Cases in PostGIS. The domain (<see cref="CaseWorkflow"/>) decides whether a transition is
/// legal and what it changes; this class loads the case under a row lock, checks the expected
/// version, checks what the command refers to (officer, departments, photos, the original of a
/// duplicate), and writes the new status and its event in one transaction. Every read and write
/// is scoped by the case's grid code, so a case outside the caller's grids is "not found". All
/// times come from the <see cref="TimeProvider"/>.
/// </summary>
/// <summary>Writes rows that belong with a new case inside the transaction that files it.</summary>
internal delegate Task CaseIntakeRecordWriter(
    NpgsqlConnection connection, NpgsqlTransaction transaction, long caseId, DateTimeOffset now, CancellationToken cancellationToken);

public sealed class CaseRepository(
    NpgsqlDataSource dataSource, WorkingCalendarSource calendars, TimeProvider time, IOptions<CaseStoreOptions>? options = null)
{
    private readonly CaseStoreOptions _options = options?.Value ?? new CaseStoreOptions();

    private static string Sql(string name) => NamedQueries.Get("Cases", name);

    /// <summary>Files a new case with its report event (and photos) in one transaction.</summary>
    public Task<CaseWriteResult> CreateAsync(GridScope scope, NewCase request, CaseActor reporter, CancellationToken cancellationToken) =>
        CreateAsync(scope, request, reporter, [], cancellationToken);

    /// <summary>
    /// Files a new case and applies <paramref name="followUps"/> to it (verification at report,
    /// dispatch by rule) in the same transaction, each as its own event: one commit per report
    /// instead of one per step, which is what lets intake keep up with a burst of reports. The
    /// follow-ups run in the whole district's scope (the reporter's scope was checked on the grid).
    /// A refused follow-up ends the chain without undoing the report; its reason is
    /// <see cref="CaseWriteResult.FollowUpRefusal"/>.
    /// </summary>
    public Task<CaseWriteResult> CreateAsync(
        GridScope scope, NewCase request, CaseActor reporter, IReadOnlyList<CaseCommand> followUps, CancellationToken cancellationToken) =>
        CreateAsync(scope, request, reporter, followUps, intakeRecord: null, cancellationToken);

    /// <summary>
    /// Files a new case as above and writes <paramref name="intakeRecord"/> (what another intake
    /// channel keeps beside the case, such as an Open311 reporter's contact) in the same
    /// transaction, so that a case is never filed without it.
    /// </summary>
    internal async Task<CaseWriteResult> CreateAsync(
        GridScope scope, NewCase request, CaseActor reporter, IReadOnlyList<CaseCommand> followUps,
        CaseIntakeRecordWriter? intakeRecord, CancellationToken cancellationToken)
    {
        static CaseWriteResult Refuse(RefusalKind kind, string message) =>
            new(CaseWriteOutcome.Refused, Refusal: new CaseRefusal(kind, CaseAction.Report, null, message));

        // The intake checked these already; a tool or test that files directly meets the same rules here.
        if (CaseRules.ValidateReport(request.Lat, request.Lon, request.SubcategoryCode, request.Description, request.Photos.Count) is { Count: > 0 } fieldErrors)
        {
            return new(CaseWriteOutcome.Refused, Refusal: CaseRefusal.OfFields(CaseAction.Report, null, fieldErrors));
        }

        var photos = new List<(Guid Id, byte[] Bytes, byte[] Hash, string Mime)>();
        foreach (var bytes in request.Photos)
        {
            if (CasePhotos.Validate(bytes, _options.MaxPhotoBytes, out var mime) is { } photoError)
            {
                return Refuse(RefusalKind.InvalidField, $"photo {photos.Count + 1}: {photoError}");
            }

            var hash = SHA256.HashData(bytes);
            // The same picture twice in one report is one photo.
            if (photos.All(p => !p.Hash.AsSpan().SequenceEqual(hash)))
            {
                photos.Add((Guid.CreateVersion7(time.GetUtcNow()), bytes, hash, mime!));
            }
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        SubcategoryForCase? subcategory;
        await using (var command = new NpgsqlCommand(Sql("GetSubcategoryForCase"), connection, transaction))
        {
            command.Parameters.AddWithValue("code", request.SubcategoryCode);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            subcategory = await reader.ReadAsync(cancellationToken)
                ? new SubcategoryForCase(
                    reader.Required<long>("id"),
                    reader.Required<string>("category_code"),
                    CaseValueCodes.SeverityFromCode(reader.Required<string>("severity")),
                    reader.StageLimits(),
                    reader.Required<string[]>("departments"))
                : null;
        }

        if (subcategory is null)
        {
            // Read here, inside the filing transaction, and nowhere before: the limits a case
            // runs under are those of the version current when it is filed.
            return new(CaseWriteOutcome.Refused, Refusal: CaseRefusal.OfFields(CaseAction.Report, null,
                [new FieldError(CaseRules.Fields.Category, FieldErrorCodes.UnknownCategory, request.SubcategoryCode)]));
        }

        var departments = request.Departments ?? subcategory.Departments;
        var references = await CheckReferencesAsync(
            connection, transaction, scope, caseId: 0, request.GridCode, request.BuildingId, assignee: null, duplicate: null,
            departments, photos: [], cancellationToken);
        if (references.Problem(CaseAction.Report, null) is { } problem)
        {
            return new CaseWriteResult(CaseWriteOutcome.Refused, Refusal: problem);
        }

        var now = time.GetUtcNow();
        var report = new CaseReport(reporter, request.GridCode, subcategory.Limits)
        {
            Description = request.Description,
            Departments = departments,
            PhotoIds = photos.Select(p => p.Id).ToList(),
            Location = new CaseLocation(request.Lat, request.Lon),
        };
        var result = new CaseWorkflow(calendar).Report(report, now);
        if (!result.Succeeded)
        {
            return new CaseWriteResult(CaseWriteOutcome.Refused, Refusal: result.Refusal);
        }

        var status = result.Status!;
        var grid = GridCode.Parse(request.GridCode);
        var localDay = DateOnly.FromDateTime(calendar.ToLocal(now).DateTime);
        int sequence;
        await using (var command = new NpgsqlCommand(Sql("NextNumber"), connection, transaction))
        {
            command.Parameters.AddWithValue("street", grid.StreetCode);
            command.Parameters.AddWithValue("day", localDay);
            sequence = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var number = CaseNumber.Create(grid.StreetCode, localDay, sequence).ToString();
        long caseId;
        await using (var command = new NpgsqlCommand(Sql("InsertCase"), connection, transaction))
        {
            var p = command.Parameters;
            p.AddWithValue("number", number);
            p.AddWithValue("category_code", subcategory.CategoryCode);
            p.AddWithValue("subcategory_code", request.SubcategoryCode);
            p.AddWithValue("subcategory_id", subcategory.Id);
            p.AddWithValue("description", request.Description.Trim());
            p.AddWithValue("lat", request.Lat);
            p.AddWithValue("lon", request.Lon);
            p.AddNullable("building_id", request.BuildingId);
            p.AddWithValue("grid_code", grid.Value);
            p.AddWithValue("state", status.State.ToCode());
            p.AddWithValue("severity", (request.Severity ?? subcategory.Severity).ToCode());
            p.AddTextArray("departments", status.Departments);
            p.AddWithValue("reported_by", reporter.Ref);
            p.AddNullable("reporter_officer_id", reporter.OfficerId);
            p.AddWithValue("source", request.Source.ToCode());
            p.AddInstant("now", now);
            p.AddText("stage", status.Stage?.ToCode());
            p.AddInstant("stage_started_at", status.StageStartedAt);
            p.AddInstant("deadline", status.Deadline);
            p.AddNullable("limit_amount", status.StageLimit?.Amount);
            p.AddText("limit_unit", status.StageLimit?.Unit.ToCode());
            p.AddWithValue("version", status.Version);
            caseId = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        foreach (var photo in photos)
        {
            await InsertPhotoAsync(connection, transaction, caseId, photo.Id, photo.Bytes, photo.Hash, photo.Mime, reporter, now, cancellationToken);
        }

        await InsertEventAsync(connection, transaction, caseId, result.Event!, cancellationToken);
        if (intakeRecord is not null)
        {
            await intakeRecord(connection, transaction, caseId, now, cancellationToken);
        }

        string? followUpRefusal = null;
        var version = status.Version;
        foreach (var followUp in followUps)
        {
            var applied = await ApplyInTransactionAsync(connection, transaction, calendar, GridScope.Everything, caseId, version, followUp, cancellationToken);
            if (applied.Outcome != CaseWriteOutcome.Applied)
            {
                followUpRefusal = $"{followUp.Action.ToCode()}: {applied.Message}";
                break;
            }

            version++;
        }

        var detail = await ReadDetailAsync(connection, transaction, scope, caseId, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CaseWriteResult(CaseWriteOutcome.Applied, detail) { FollowUpRefusal = followUpRefusal };
    }

    /// <summary>A case with its timeline, or null when it does not exist or is outside the scope.</summary>
    public async Task<CaseDetail?> GetAsync(GridScope scope, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadDetailAsync(connection, null, scope, id, null, cancellationToken);
    }

    public async Task<CaseDetail?> GetByNumberAsync(GridScope scope, string number, CancellationToken cancellationToken)
    {
        if (!CaseNumber.TryParse(number, out _))
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadDetailAsync(connection, null, scope, null, number, cancellationToken);
    }

    /// <summary>
    /// Applies an action. <paramref name="expectedVersion"/> is the version the caller saw; when
    /// the case has moved on since, nothing is written and the answer is a conflict.
    /// </summary>
    public async Task<CaseWriteResult> ApplyAsync(
        GridScope scope, long caseId, int expectedVersion, CaseCommand command, CancellationToken cancellationToken)
    {
        var calendar = await calendars.GetAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await ApplyInTransactionAsync(connection, transaction, calendar, scope, caseId, expectedVersion, command, cancellationToken);
        if (result.Outcome != CaseWriteOutcome.Applied)
        {
            return result;
        }

        var detail = await ReadDetailAsync(connection, transaction, GridScope.Everything, caseId, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CaseWriteResult(CaseWriteOutcome.Applied, detail);
    }

    /// <summary>
    /// The body of <see cref="ApplyAsync"/> inside the caller's transaction: checks, then writes
    /// the new status, its event and any escalation. Every refusal happens before the first write.
    /// </summary>
    private async Task<CaseWriteResult> ApplyInTransactionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, WorkingCalendar calendar, GridScope scope, long caseId,
        int expectedVersion, CaseCommand command, CancellationToken cancellationToken)
    {
        var current = await ReadCaseRowAsync(connection, transaction, scope, caseId, null, forUpdate: true, cancellationToken);
        if (current is null)
        {
            return new CaseWriteResult(CaseWriteOutcome.NotFound);
        }

        if (current.Status.Version != expectedVersion)
        {
            return new CaseWriteResult(CaseWriteOutcome.Conflict, CurrentVersion: current.Status.Version);
        }

        var now = time.GetUtcNow();
        var result = new CaseWorkflow(calendar).Apply(current.Status, command, current.Limits, now);
        if (!result.Succeeded)
        {
            return new CaseWriteResult(CaseWriteOutcome.Refused, Refusal: result.Refusal, CurrentVersion: current.Status.Version);
        }

        var references = await CheckReferencesAsync(
            connection, transaction, scope, caseId, grid: null, building: null, command.AssigneeOfficerId, command.DuplicateOf,
            command.Departments ?? [], command.PhotoIds, cancellationToken);
        if (references.Problem(command.Action, current.Status.State) is { } problem)
        {
            return new CaseWriteResult(CaseWriteOutcome.Refused, Refusal: problem, CurrentVersion: current.Status.Version);
        }

        var next = result.Status!;
        await using (var update = new NpgsqlCommand(Sql("UpdateCase"), connection, transaction))
        {
            var p = update.Parameters;
            p.AddWithValue("id", caseId);
            p.AddWithValue("expected_version", expectedVersion);
            p.AddWithValue("state", next.State.ToCode());
            p.AddText("parked_from", next.ParkedFrom?.ToCode());
            p.AddNullable("assignee_officer_id", next.AssigneeOfficerId);
            p.AddTextArray("departments", next.Departments);
            p.AddText("stage", next.Stage?.ToCode());
            p.AddInstant("stage_started_at", next.StageStartedAt);
            p.AddInstant("deadline", next.Deadline);
            p.AddNullable("limit_amount", next.StageLimit?.Amount);
            p.AddText("limit_unit", next.StageLimit?.Unit.ToCode());
            p.AddInstant("warned_at", next.WarnedAt);
            p.AddWithValue("escalation_level", (short)next.EscalationLevel);
            p.AddWithValue("rework_count", next.ReworkCount);
            p.AddInstant("closed_at", next.ClosedAt);
            p.AddNullable("duplicate_of", next.DuplicateOf);
            p.AddWithValue("version", next.Version);
            p.AddInstant("now", now);
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                // Unreachable under the row lock; kept so a lost update can never pass silently.
                return new CaseWriteResult(CaseWriteOutcome.Conflict, CurrentVersion: current.Status.Version);
            }
        }

        var @event = result.Event!;
        var eventId = await InsertEventAsync(connection, transaction, caseId, @event, cancellationToken);
        if (command.Action == CaseAction.Escalate)
        {
            var target = Escalation.Target(GridCode.Parse(current.Status.GridCode), next.EscalationLevel);
            await using var escalation = new NpgsqlCommand(Sql("InsertEscalation"), connection, transaction);
            var p = escalation.Parameters;
            p.AddWithValue("case_id", caseId);
            p.AddWithValue("event_id", eventId);
            p.AddWithValue("level", (short)target.Level);
            p.AddText("target_grid_code", target.Grid?.Value);
            p.AddText("stage", current.Status.Stage?.ToCode());
            p.AddInstant("due_at", @event.DueAt);
            p.AddInstant("at", now);
            p.AddWithValue("escalated_by", command.Actor.Ref);
            await escalation.ExecuteNonQueryAsync(cancellationToken);
        }

        return new CaseWriteResult(CaseWriteOutcome.Applied);
    }

    /// <summary>A worklist in the caller's scope, most urgent deadline first.</summary>
    public async Task<IReadOnlyList<CaseSummary>> ListAsync(GridScope scope, CaseListQuery query, CancellationToken cancellationToken) =>
        (await ListPageAsync(scope, query, cancellationToken)).Items;

    /// <summary>A page of a worklist in the caller's scope, sorted and paged in SQL, with the total.</summary>
    public async Task<CasePage> ListPageAsync(GridScope scope, CaseListQuery query, CancellationToken cancellationToken)
    {
        if ((query.GridCode is { } grid && !GridCode.TryParse(grid, out _)) || !IsGridPrefix(query.GridPrefix))
        {
            return new CasePage([], 0);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql("ListCases"), connection);
        var p = command.Parameters;
        await AddListFiltersAsync(connection, p, scope, query, cancellationToken);
        p.AddTextArray("states", query.States.Select(s => s.ToCode()));
        p.AddWithValue("sort", query.Sort.ToCode());
        p.AddWithValue("limit", Math.Clamp(query.Limit, 1, CaseListQuery.MaxLimit));
        p.AddWithValue("offset", Math.Max(0, query.Offset));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cases = new List<CaseSummary>();
        var total = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var stage = reader.NullableString("stage");
            var limitUnit = reader.NullableString("limit_unit");
            total = (int)reader.Required<long>("total");
            cases.Add(new CaseSummary(
                reader.Required<long>("id"),
                reader.Required<string>("number"),
                reader.Required<string>("category_code"),
                reader.Required<string>("subcategory_code"),
                reader.Required<string>("name_zh"),
                reader.Required<string>("name_en"),
                reader.Required<string>("grid_code"),
                CaseStates.FromCode(reader.Required<string>("state")),
                CaseValueCodes.SeverityFromCode(reader.Required<string>("severity")),
                reader.NullableInt64("assignee_officer_id"),
                stage is null ? null : CaseValueCodes.StageFromCode(stage),
                reader.Instant("deadline"),
                reader.Instant("warned_at"),
                reader.Required<short>("escalation_level"),
                reader.Required<double>("lat"),
                reader.Required<double>("lon"),
                reader.NullableInt64("building_id"),
                reader.Required<DateTimeOffset>("created_at"),
                reader.Required<DateTimeOffset>("updated_at"),
                reader.Required<int>("version"))
            {
                StageStartedAt = reader.Instant("stage_started_at"),
                StageLimit = limitUnit is null ? null : new TimeLimit(reader.Required<decimal>("limit_amount"), TimeLimitUnits.FromCode(limitUnit)),
            });
        }

        if (cases.Count == 0 && query.Offset > 0)
        {
            // Past the end: the window count is not there to read, so count separately.
            var counts = await CountByStateAsync(scope, query, cancellationToken);
            total = query.States.Count == 0 ? counts.Values.Sum() : query.States.Distinct().Sum(s => counts.GetValueOrDefault(s));
        }

        return new CasePage(cases, total);
    }

    /// <summary>How many cases of each state match the worklist's filters (the state filter aside).</summary>
    public async Task<IReadOnlyDictionary<CaseState, int>> CountByStateAsync(GridScope scope, CaseListQuery query, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<CaseState, int>();
        if ((query.GridCode is { } grid && !GridCode.TryParse(grid, out _)) || !IsGridPrefix(query.GridPrefix))
        {
            return counts;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql("CountCasesByState"), connection);
        await AddListFiltersAsync(connection, command.Parameters, scope, query, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[CaseStates.FromCode(reader.Required<string>("state"))] = (int)reader.Required<long>("cases");
        }

        return counts;
    }

    /// <summary>LIKE patterns for each word of a search text (escaped), or null when there is none.</summary>
    internal static string[]? TextPatterns(string? text)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 0
            ? null
            : [.. words.Take(8).Select(w => "%" + w.Replace("\0", "").Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%")];
    }

    /// <summary>Digits only, at most a third-level grid code's length; null means no prefix filter.</summary>
    public static bool IsGridPrefix(string? prefix) =>
        prefix is null || (prefix.Length is > 0 and <= GridCode.ThirdLevelLength && prefix.All(char.IsAsciiDigit));

    private async Task AddListFiltersAsync(
        NpgsqlConnection connection, NpgsqlParameterCollection p, GridScope scope, CaseListQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        p.AddScope(scope);
        p.AddText("grid", query.GridCode);
        p.AddText("grid_prefix", query.GridPrefix);
        p.AddWithValue("open_only", query.OpenOnly);
        p.AddNullable("assignee", query.AssigneeOfficerId);
        p.AddWithValue("unassigned", query.Unassigned);
        p.Add(new NpgsqlParameter("text_patterns", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = TextPatterns(query.Text) is { } patterns ? patterns : DBNull.Value });
        p.AddText("category", query.Category);
        p.AddInstant("reported_from", query.ReportedFrom);
        p.AddInstant("reported_before", query.ReportedBefore);
        p.AddInstant("deadline_before", query.DeadlineBefore);
        p.AddWithValue("nearing", query.Nearing);
        p.AddInstant("now", now);
        var cutoffs = query.Nearing ? await NearingCutoffsAsync(connection, now, cancellationToken) : [];
        p.AddTextArray("near_units", cutoffs.Select(c => c.Limit.Unit.ToCode()));
        p.Add(new NpgsqlParameter("near_amounts", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = cutoffs.Select(c => c.Limit.Amount).ToArray() });
        p.Add(new NpgsqlParameter("near_cutoffs", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = cutoffs.Select(c => c.Cutoff.UtcDateTime).ToArray() });
    }

    /// <summary>
    /// For each limit of a running clock, the latest deadline that counts as nearing at
    /// <paramref name="now"/>: a limit is nearing once the share left on its own clock is at most
    /// 1 − the nearing fraction, i.e. its deadline is within that much limit-time from now. The
    /// working calendar cannot run in SQL, so this turns it into one instant per limit.
    /// </summary>
    private async Task<IReadOnlyList<(TimeLimit Limit, DateTimeOffset Cutoff)>> NearingCutoffsAsync(
        NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var calendar = await calendars.GetAsync(cancellationToken);
        var left = 1 - calendars.NearingFraction;
        var result = new List<(TimeLimit, DateTimeOffset)>();
        await using var command = new NpgsqlCommand(Sql("ListRunningLimits"), connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var limit = new TimeLimit(reader.Required<decimal>("limit_amount"), TimeLimitUnits.FromCode(reader.Required<string>("limit_unit")));
            var share = calendar.Duration(limit) * left;
            var cutoff = limit.Unit == TimeLimitUnit.EmergencyHours ? now + share : calendar.AddWorkingTime(now, share);
            result.Add((limit, cutoff));
        }

        return result;
    }

    /// <summary>
    /// Open cases that a new report of <see cref="DuplicateQuery.SubcategoryCode"/> may repeat:
    /// at the same building, or within the radius of the point. Intake offers them to merge.
    /// </summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(GridScope scope, DuplicateQuery query, CancellationToken cancellationToken)
    {
        if (CaseLocation.Validate(query.Lat, query.Lon) is not null)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(Sql("FindDuplicates"));
        var p = command.Parameters;
        p.AddScope(scope);
        p.AddWithValue("subcategory", query.SubcategoryCode);
        p.AddWithValue("lat", query.Lat);
        p.AddWithValue("lon", query.Lon);
        p.AddNullable("building", query.BuildingId);
        p.AddWithValue("metres", Math.Max(0, query.RadiusMetres ?? _options.DuplicateRadiusMetres));
        p.AddWithValue("limit", Math.Clamp(query.Limit, 1, 50));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var candidates = new List<DuplicateCandidate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new DuplicateCandidate(
                reader.Required<long>("id"),
                reader.Required<string>("number"),
                CaseStates.FromCode(reader.Required<string>("state")),
                reader.Required<string>("subcategory_code"),
                reader.NullableInt64("building_id"),
                reader.Required<string>("grid_code"),
                reader.Required<DateTimeOffset>("created_at"),
                reader.Required<string>("description"),
                reader.Required<double>("metres"),
                reader.Required<bool>("same_building")));
        }

        return candidates;
    }

    /// <summary>
    /// Stores a photo for a case the caller may see, before the action that cites it (handle
    /// needs evidence). The same bytes twice give the same id. Null when the case is not visible.
    /// </summary>
    public async Task<(Guid? Id, string? Error)> AddPhotoAsync(
        GridScope scope, long caseId, byte[] bytes, CaseActor uploader, CancellationToken cancellationToken)
    {
        if (CasePhotos.Validate(bytes, _options.MaxPhotoBytes, out var mime) is { } error)
        {
            return (null, error);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var visible = new NpgsqlCommand(Sql("CaseVisible"), connection))
        {
            visible.Parameters.AddWithValue("id", caseId);
            visible.Parameters.AddScope(scope);
            if (await visible.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return (null, "no such case");
            }
        }

        var now = time.GetUtcNow();
        var id = await InsertPhotoAsync(connection, null, caseId, Guid.CreateVersion7(now), bytes, SHA256.HashData(bytes), mime!, uploader, now, cancellationToken);
        return (id, null);
    }

    /// <summary>
    /// Stores several photos for a case the caller may see, all or none: every file is checked
    /// before the first is written, and they are written in one transaction. The same bytes
    /// (in this request or stored before) answer the photo already stored.
    /// </summary>
    public async Task<CasePhotoBatchResult> AddPhotosAsync(
        GridScope scope, long caseId, IReadOnlyList<byte[]> photos, CaseActor uploader, CancellationToken cancellationToken)
    {
        if (photos.Count == 0)
        {
            return new CasePhotoBatchResult(true, "no photo was sent", []);
        }

        if (photos.Count > CaseRules.MaxPhotos)
        {
            return new CasePhotoBatchResult(true, $"{photos.Count} photos; at most {CaseRules.MaxPhotos} at once", []);
        }

        var checkedPhotos = new List<(byte[] Bytes, string Mime)>();
        foreach (var bytes in photos)
        {
            if (CasePhotos.Validate(bytes, _options.MaxPhotoBytes, out var mime) is { } error)
            {
                return new CasePhotoBatchResult(true, $"photo {checkedPhotos.Count + 1}: {error}", []);
            }

            checkedPhotos.Add((bytes, mime!));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var visible = new NpgsqlCommand(Sql("CaseVisible"), connection, transaction))
        {
            visible.Parameters.AddWithValue("id", caseId);
            visible.Parameters.AddScope(scope);
            if (await visible.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return new CasePhotoBatchResult(false, "no such case", []);
            }
        }

        var now = time.GetUtcNow();
        var stored = new List<CasePhotoInfo>();
        foreach (var (bytes, mime) in checkedPhotos)
        {
            var hash = SHA256.HashData(bytes);
            var id = await InsertPhotoAsync(connection, transaction, caseId, Guid.CreateVersion7(now), bytes, hash, mime, uploader, now, cancellationToken);
            if (stored.All(p => p.Id != id))
            {
                stored.Add(new CasePhotoInfo(id, mime, bytes.Length, Convert.ToHexStringLower(hash), uploader.Ref, now));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new CasePhotoBatchResult(true, null, stored);
    }

    /// <summary>A photo with its bytes, only when its case is in the caller's scope.</summary>
    public async Task<CasePhoto?> GetPhotoAsync(GridScope scope, Guid photoId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("GetPhoto"));
        command.Parameters.AddWithValue("id", photoId);
        command.Parameters.AddScope(scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new CasePhoto(
            reader.Required<Guid>("id"),
            reader.Required<long>("case_id"),
            reader.Required<string>("mime"),
            reader.Required<int>("size_bytes"),
            Convert.ToHexStringLower(reader.Required<byte[]>("sha256")),
            reader.Required<byte[]>("bytes"),
            reader.Required<DateTimeOffset>("uploaded_at"));
    }

    private static async Task<Guid> InsertPhotoAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, long caseId, Guid id, byte[] bytes, byte[] hash, string mime,
        CaseActor uploader, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql("InsertPhoto"), connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("id", id);
        p.AddWithValue("case_id", caseId);
        p.AddWithValue("sha256", hash);
        p.AddWithValue("mime", mime);
        p.AddWithValue("size_bytes", bytes.Length);
        p.AddWithValue("bytes", bytes);
        p.AddWithValue("uploaded_by", uploader.Ref);
        p.AddInstant("uploaded_at", now);
        return (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<long> InsertEventAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long caseId, CaseEvent e, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql("InsertEvent"), connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("case_id", caseId);
        p.AddWithValue("seq", e.Sequence);
        p.AddWithValue("action", e.Action.ToCode());
        p.AddText("from_state", e.From?.ToCode());
        p.AddWithValue("to_state", e.To.ToCode());
        p.AddWithValue("actor", e.Actor.Ref);
        p.AddWithValue("actor_name", e.Actor.Name);
        p.AddText("actor_role", e.Actor.Role?.ToCode());
        p.AddNullable("actor_officer_id", e.Actor.OfficerId);
        p.AddInstant("at", e.At);
        p.AddNullable("lat", e.Location?.Lat);
        p.AddNullable("lon", e.Location?.Lon);
        p.AddText("note", e.Note);
        p.AddUuidArray("photo_ids", e.PhotoIds);
        p.AddNullable("assignee_officer_id", e.AssigneeOfficerId);
        p.AddTextArray("departments", e.Departments);
        p.AddNullable("escalation_level", e.EscalationLevel is { } level ? (short)level : (short?)null);
        p.AddInstant("due_at", e.DueAt);
        p.AddInstant("deadline", e.Deadline);
        p.AddText("cancel_reason", e.CancelReason?.ToCode());
        p.AddNullable("duplicate_of", e.DuplicateOf);
        p.AddText("rule", e.Rule);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<References> CheckReferencesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, GridScope scope, long caseId, string? grid, long? building,
        long? assignee, long? duplicate, IReadOnlyList<string> departments, IReadOnlyList<Guid> photos, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql("CheckCaseReferences"), connection, transaction);
        var p = command.Parameters;
        p.AddScope(scope);
        p.AddWithValue("case", caseId);
        p.AddText("grid", grid);
        p.AddNullable("building", building);
        p.AddNullable("assignee", assignee);
        p.AddNullable("duplicate", duplicate);
        p.AddTextArray("departments", departments);
        p.AddUuidArray("photos", photos);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new References(
            grid, building, assignee, duplicate,
            reader.Required<bool>("grid_ok"),
            reader.Required<bool>("grid_in_scope"),
            reader.Required<bool>("building_ok"),
            reader.Required<bool>("assignee_ok"),
            reader.Required<bool>("duplicate_ok"),
            reader.Required<string[]>("unknown_departments"),
            reader.Required<Guid[]>("unknown_photos"));
    }

    private static async Task<CaseDetail?> ReadDetailAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, GridScope scope, long? id, string? number, CancellationToken cancellationToken)
    {
        var row = await ReadCaseRowAsync(connection, transaction, scope, id, number, forUpdate: false, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var events = new List<CaseEvent>();
        await using (var command = new NpgsqlCommand(Sql("GetEvents"), connection, transaction))
        {
            command.Parameters.AddWithValue("case", row.Detail.Id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(CaseRows.ReadEvent(reader));
            }
        }

        var photos = new List<CasePhotoInfo>();
        await using (var command = new NpgsqlCommand(Sql("ListCasePhotos"), connection, transaction))
        {
            command.Parameters.AddWithValue("case", row.Detail.Id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                photos.Add(new CasePhotoInfo(
                    reader.Required<Guid>("id"),
                    reader.Required<string>("mime"),
                    reader.Required<int>("size_bytes"),
                    Convert.ToHexStringLower(reader.Required<byte[]>("sha256")),
                    reader.Required<string>("uploaded_by"),
                    reader.Required<DateTimeOffset>("uploaded_at")));
            }
        }

        var escalations = new List<CaseEscalationInfo>();
        await using (var command = new NpgsqlCommand(Sql("ListEscalations"), connection, transaction))
        {
            command.Parameters.AddWithValue("case", row.Detail.Id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var stage = reader.NullableString("stage");
                escalations.Add(new CaseEscalationInfo(
                    reader.Required<short>("level"),
                    reader.NullableString("target_grid_code"),
                    stage is null ? null : CaseValueCodes.StageFromCode(stage),
                    reader.Instant("due_at"),
                    reader.Required<DateTimeOffset>("at"),
                    reader.Required<string>("escalated_by"),
                    reader.Required<int>("seq")));
            }
        }

        return row.Detail with { Timeline = events, Photos = photos, Escalations = escalations };
    }

    private static async Task<CaseRow?> ReadCaseRowAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, GridScope scope, long? id, string? number, bool forUpdate,
        CancellationToken cancellationToken)
    {
        var sql = Sql("GetCase").TrimEnd().TrimEnd(';') + (forUpdate ? "\nFOR UPDATE OF c" : "");
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddNullable("id", id);
        command.Parameters.AddText("number", number);
        command.Parameters.AddScope(scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var parkedFrom = reader.NullableString("parked_from");
        var stage = reader.NullableString("stage");
        var limitUnit = reader.NullableString("limit_unit");
        var status = new CaseStatus
        {
            Id = reader.Required<long>("id"),
            GridCode = reader.Required<string>("grid_code"),
            State = CaseStates.FromCode(reader.Required<string>("state")),
            Version = reader.Required<int>("version"),
            ParkedFrom = parkedFrom is null ? null : CaseStates.FromCode(parkedFrom),
            AssigneeOfficerId = reader.NullableInt64("assignee_officer_id"),
            Departments = reader.Required<string[]>("departments"),
            Stage = stage is null ? null : CaseValueCodes.StageFromCode(stage),
            StageStartedAt = reader.Instant("stage_started_at"),
            Deadline = reader.Instant("deadline"),
            StageLimit = limitUnit is null ? null : new TimeLimit(reader.Required<decimal>("limit_amount"), TimeLimitUnits.FromCode(limitUnit)),
            WarnedAt = reader.Instant("warned_at"),
            EscalationLevel = reader.Required<short>("escalation_level"),
            ReworkCount = reader.Required<int>("rework_count"),
            DuplicateOf = reader.NullableInt64("duplicate_of"),
            CreatedAt = reader.Required<DateTimeOffset>("created_at"),
            ClosedAt = reader.Instant("closed_at"),
        };
        var limits = reader.StageLimits();
        var detail = new CaseDetail
        {
            Id = status.Id,
            Number = reader.Required<string>("number"),
            CategoryCode = reader.Required<string>("category_code"),
            SubcategoryCode = reader.Required<string>("subcategory_code"),
            SubcategoryId = reader.Required<long>("subcategory_id"),
            SubcategoryNameZh = reader.Required<string>("subcategory_name_zh"),
            SubcategoryNameEn = reader.Required<string>("subcategory_name_en"),
            Description = reader.Required<string>("description"),
            Lat = reader.Required<double>("lat"),
            Lon = reader.Required<double>("lon"),
            BuildingId = reader.NullableInt64("building_id"),
            GridCode = status.GridCode,
            Severity = CaseValueCodes.SeverityFromCode(reader.Required<string>("severity")),
            Source = CaseValueCodes.SourceFromCode(reader.Required<string>("source")),
            ReportedBy = reader.Required<string>("reported_by"),
            ReporterOfficerId = reader.NullableInt64("reporter_officer_id"),
            UpdatedAt = reader.Required<DateTimeOffset>("updated_at"),
            Status = status,
            Limits = limits,
        };
        return new CaseRow(status, limits, detail);
    }

    private sealed record CaseRow(CaseStatus Status, StageLimits Limits, CaseDetail Detail);

    private sealed record SubcategoryForCase(long Id, string CategoryCode, Severity Severity, StageLimits Limits, IReadOnlyList<string> Departments);

    private sealed record References(
        string? Grid, long? Building, long? Assignee, long? Duplicate,
        bool GridOk, bool GridInScope, bool BuildingOk, bool AssigneeOk, bool DuplicateOk,
        string[] UnknownDepartments, Guid[] UnknownPhotos)
    {
        public CaseRefusal? Problem(CaseAction action, CaseState? state)
        {
            string? message =
                !GridInScope ? $"grid {Grid} is outside the grids you may report in"
                : !GridOk ? $"{Grid} is not a current third-level grid"
                : !BuildingOk ? $"there is no building {Building}"
                : !AssigneeOk ? $"there is no officer {Assignee}"
                : !DuplicateOk ? $"there is no case {Duplicate} to be a duplicate of"
                : UnknownDepartments.Length > 0 ? $"unknown or retired department(s): {string.Join(", ", UnknownDepartments)}"
                : UnknownPhotos.Length > 0 ? $"photo(s) {string.Join(", ", UnknownPhotos)} were not uploaded for this case"
                : null;
            var kind = !GridInScope ? RefusalKind.NotPermitted : RefusalKind.InvalidField;
            return message is null ? null : new CaseRefusal(kind, action, state, message);
        }
    }
}
