using System.Globalization;
using System.Security.Claims;
using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Dispatch;
using GridMap.Web.Live;
using GridMap.Web.Mobile;
using GridMap.Web.Security;

namespace GridMap.Web.Cases;

public sealed record CreateCaseRequest(
    double? Lat, double? Lon, string? Category, string? Description, bool? ConfirmNotDuplicate = null, long? BuildingId = null);

public sealed record CaseTransitionRequest(
    string? Action,
    string? Note,
    int? Version = null,
    long? AssigneeOfficerId = null,
    string? CancelReason = null,
    long? DuplicateOf = null,
    IReadOnlyList<Guid>? PhotoIds = null,
    double? Lat = null,
    double? Lon = null);

public sealed record CaseAssigneeResponse(long OfficerId, string? Name);

public sealed record CaseCreatedResponse(
    long Id, string Number, string GridCode, CaseAssigneeResponse? Assignee, string State, DateTimeOffset? Deadline,
    int Version, IReadOnlyList<string> Departments, IReadOnlyList<string> FlaggedGrids, string? DispatchRule);

public sealed record CaseEventResponse(
    int Seq, string Action, string? From, string To, string Actor, string ActorName, DateTimeOffset At, string? Note,
    long? AssigneeOfficerId, int? EscalationLevel, DateTimeOffset? Deadline, string? Rule, double? Lat, double? Lon);

public sealed record CaseResponse(
    long Id, string Number, string Category, string Subcategory, string SubcategoryName, string Description,
    double Lat, double Lon, long? BuildingId, string GridCode, string Severity, string Source, string ReportedBy,
    string State, int Version, CaseAssigneeResponse? Assignee, IReadOnlyList<string> Departments, string? Stage,
    DateTimeOffset? Deadline, bool Overdue, int EscalationLevel, int ReworkCount, long? DuplicateOf,
    DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, IReadOnlyList<CaseEventResponse> Timeline);

public sealed record CaseListItemResponse(
    long Id, string Number, string Subcategory, string GridCode, string State, long? AssigneeOfficerId,
    DateTimeOffset? Deadline, bool Overdue, int EscalationLevel, double Lat, double Lon, int Version);

public sealed record CaseTransitionResponse(long Id, string State, int Version, DateTimeOffset? Deadline, CaseAssigneeResponse? Assignee);

/// <summary>
/// The case API: report (with automatic verification and dispatch for officers and command),
/// read with the timeline, move through the workflow, list a worklist. Scope is the caller's grids;
/// a case outside it is "not found".
/// </summary>
public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases");
        // A multipart report checks its antiforgery token itself (cookie posts only; bearer clients
        // are exempt), see PhotoIntake.CheckForgeryAsync.
        group.MapPost("", CreateAsync).DisableAntiforgery();
        group.MapGet("", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/{id:long}/transitions", TransitionAsync);
        return app;
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// Reads a report as JSON or as a form (multipart/form-data with photos in <c>photos</c>); both
    /// then go through the same intake (<see cref="CaseIntake"/>), so the answers are the same.
    /// Every field error of the request is answered at once, in the caller's language.
    /// </summary>
    private static async Task<IResult> CreateAsync(
        HttpContext context, CaseIntake intake, FieldErrorText errorText, OfficerDirectory officers, PhotoIntake photoIntake,
        CancellationToken cancellationToken)
    {
        CreateCaseRequest? request;
        IReadOnlyList<FieldError> readErrors = [];
        IReadOnlyList<byte[]> photos = [];
        if (context.Request.HasFormContentType)
        {
            var (read, refusal) = await photoIntake.ReadFormAsync(context, ReportPhotoField, required: false, cancellationToken);
            if (refusal is not null)
            {
                return refusal.ToResult();
            }

            (request, readErrors) = CaseForm.Read(read!.Form!);
            photos = read.Photos;
        }
        else if (context.Request.HasJsonContentType())
        {
            try
            {
                request = context.Request.ContentLength == 0 ? null : await context.Request.ReadFromJsonAsync<CreateCaseRequest>(cancellationToken);
            }
            catch (System.Text.Json.JsonException e)
            {
                return errorText.Problem([new FieldError("body", FieldErrorCodes.NotJson, e.Message)]);
            }
        }
        else
        {
            return Results.Problem(
                title: "Send the report as application/json, or as multipart/form-data with photos in the field 'photos'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (request is null)
        {
            return errorText.Problem([new FieldError("body", FieldErrorCodes.Required)]);
        }

        var report = new CaseIntakeRequest(request.Lat, request.Lon, request.Category, request.Description)
        {
            BuildingId = request.BuildingId,
            ConfirmNotDuplicate = request.ConfirmNotDuplicate == true,
            Photos = photos,
        };
        if (readErrors.Count > 0)
        {
            // A field that could not be read is reported as such, not again as missing.
            return errorText.Problem(readErrors.Concat(CaseIntake.Validate(report).Where(e => readErrors.All(r => r.Field != e.Field))));
        }

        var result = await intake.FileAsync(report, CaseReporter.Console(context.User.ToCaseActor(), context.User.GetGridScope()), cancellationToken);
        if (result.Errors.Count > 0)
        {
            return errorText.Problem(result.Errors);
        }

        if (result.Refusal is { } refused)
        {
            return Invalid(refused.Field, refused.Message);
        }

        if (result.HeldAsDuplicate)
        {
            var duplicates = result.Duplicates;
            return Results.Problem(
                title: $"An open case of {request.Category} is already filed here: {duplicates[0].Number}. Send \"confirmNotDuplicate\": true to file anyway.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?>
                {
                    ["duplicateOf"] = duplicates[0].Id,
                    ["duplicates"] = duplicates.Select(d => new { d.Id, d.Number, State = d.State.ToCode(), d.DistanceMetres, d.SameBuilding }).ToList(),
                });
        }

        var detail = result.Case!;
        var assignee = result.Dispatched is { } choice ? new CaseAssigneeResponse(choice.OfficerId, choice.Name) : AssigneeOf(detail, officers);
        var body = new CaseCreatedResponse(
            detail.Id, detail.Number, detail.GridCode, assignee, detail.State.ToCode(), detail.Status.Deadline,
            detail.Version, detail.Status.Departments, result.FlaggedGrids, result.Dispatched?.Rule);
        return Results.Created($"/api/v1/cases/{detail.Id}", body);
    }

    /// <summary>The form field of a report's photos in a multipart report.</summary>
    public const string ReportPhotoField = CaseRules.Fields.Photos;

    private static CaseAssigneeResponse? AssigneeOf(CaseDetail detail, OfficerDirectory officers) =>
        detail.Status.AssigneeOfficerId is { } id ? new CaseAssigneeResponse(id, officers.Find(id)?.Name) : null;

    private static async Task<IResult> GetAsync(
        HttpContext context, long id, CaseRepository cases, OfficerDirectory officers, TimeProvider time, CancellationToken cancellationToken)
    {
        var detail = await cases.GetAsync(context.User.GetGridScope(), id, cancellationToken);
        if (detail is null)
        {
            return NotFound(id);
        }

        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var s = detail.Status;
        return Results.Ok(new CaseResponse(
            detail.Id, detail.Number, detail.CategoryCode, detail.SubcategoryCode,
            english ? detail.SubcategoryNameEn : detail.SubcategoryNameZh, detail.Description, detail.Lat, detail.Lon,
            detail.BuildingId, detail.GridCode, detail.Severity.ToCode(), detail.Source.ToCode(), detail.ReportedBy,
            detail.State.ToCode(), detail.Version, AssigneeOf(detail, officers), s.Departments, s.Stage?.ToCode(), s.Deadline,
            detail.IsOverdue(time.GetUtcNow()), s.EscalationLevel, s.ReworkCount, s.DuplicateOf, s.CreatedAt, s.ClosedAt,
            detail.Timeline.Select(e => new CaseEventResponse(
                e.Sequence, e.Action.ToCode(), e.From?.ToCode(), e.To.ToCode(), e.Actor.Ref, e.Actor.Name, e.At, e.Note,
                e.AssigneeOfficerId, e.EscalationLevel, e.Deadline, e.Rule, e.Location?.Lat, e.Location?.Lon)).ToList()));
    }

    private static IResult NotFound(long id) => Results.Problem(
        title: $"Case {id} does not exist or is not among your grids.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>
    /// The list (worklist) API. All parameters are optional and combine: state (comma list),
    /// grid (a grid code) or gridPrefix (digits), open, overdue, nearing, unassigned, q (number or
    /// words of the description), category, reportedFrom / reportedBefore, sort
    /// (deadline | reported | state), limit (1–500, default 100) and offset. The total of the
    /// filtered list is in the X-Total-Count header.
    /// </summary>
    private static async Task<IResult> ListAsync(
        HttpContext context, CaseRepository cases, TimeProvider time, string? state, string? grid, string? assignee, CancellationToken cancellationToken,
        string? gridPrefix = null, string? sort = null, bool? open = null, bool? overdue = null, bool? nearing = null,
        bool? unassigned = null, int? limit = null, int? offset = null,
        string? q = null, string? category = null, string? reportedFrom = null, string? reportedBefore = null)
    {
        // assignee=me (the caller's own officer id) or an officer id: an officer's own tasks.
        long? assigneeOfficerId = null;
        if (assignee is not null)
        {
            if (string.Equals(assignee, "me", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(context.User.FindFirstValue(GridMapClaims.OfficerId), CultureInfo.InvariantCulture, out var me))
                {
                    return Invalid("assignee", "assignee=me needs an account linked to an officer; this one is not");
                }

                assigneeOfficerId = me;
            }
            else if (long.TryParse(assignee, NumberStyles.Integer, CultureInfo.InvariantCulture, out var officerId))
            {
                assigneeOfficerId = officerId;
            }
            else
            {
                return Invalid("assignee", $"assignee must be 'me' or an officer id (got '{assignee}')");
            }
        }

        var states = new List<CaseState>();
        foreach (var code in (state ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!CaseStates.TryFromCode(code, out var parsed))
            {
                return Invalid("state", $"unknown state '{code}'");
            }

            states.Add(parsed);
        }

        if (grid is not null && Domain.Grids.GridCode.Validate(grid) is { } gridError)
        {
            return Invalid("grid", gridError);
        }

        if (!CaseRepository.IsGridPrefix(gridPrefix))
        {
            return Invalid("gridPrefix", $"gridPrefix must be 1 to {Domain.Grids.GridCode.ThirdLevelLength} digits (got '{gridPrefix}')");
        }

        if (CaseListSorts.TryParse(sort) is not { } order)
        {
            return Invalid("sort", $"unknown sort '{sort}': use deadline, reported or state");
        }

        if (limit is { } l && l is < 1 or > CaseListQuery.MaxLimit)
        {
            return Invalid("limit", $"limit must be between 1 and {CaseListQuery.MaxLimit} (got {l})");
        }

        if (offset is < 0)
        {
            return Invalid("offset", $"offset must not be negative (got {offset})");
        }

        q = q?.Replace("\0", "", StringComparison.Ordinal).Trim();
        if (q is { Length: > MaxSearchTextLength })
        {
            return Invalid("q", $"q has {q.Length} characters; at most {MaxSearchTextLength}");
        }

        if (category is not null && !TaxonomyRules.IsCode(category))
        {
            return Invalid("category", $"category must be a category or sub-category code such as fire_safety (got '{category}')");
        }

        if (!TryInstant(reportedFrom, out var from))
        {
            return Invalid("reportedFrom", $"reportedFrom must be an ISO 8601 time such as 2026-12-01T00:00:00+08:00 (got '{reportedFrom}')");
        }

        if (!TryInstant(reportedBefore, out var before))
        {
            return Invalid("reportedBefore", $"reportedBefore must be an ISO 8601 time such as 2026-12-08T00:00:00+08:00 (got '{reportedBefore}')");
        }

        var now = time.GetUtcNow();
        var query = new CaseListQuery
        {
            Text = string.IsNullOrEmpty(q) ? null : q,
            Category = category,
            ReportedFrom = from,
            ReportedBefore = before,
            States = states,
            GridCode = grid,
            AssigneeOfficerId = assigneeOfficerId,
            GridPrefix = gridPrefix,
            OpenOnly = open == true,
            DeadlineBefore = overdue == true ? now : null,
            Nearing = nearing == true,
            Unassigned = unassigned == true,
            Sort = order,
            Limit = limit ?? 100,
            Offset = offset ?? 0,
        };
        var page = await cases.ListPageAsync(context.User.GetGridScope(), query, cancellationToken);
        context.Response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
        return Results.Ok(page.Items.Select(c => new CaseListItemResponse(
            c.Id, c.Number, c.SubcategoryCode, c.GridCode, c.State.ToCode(), c.AssigneeOfficerId, c.Deadline,
            c.IsOverdue(now), c.EscalationLevel, c.Lat, c.Lon, c.Version)).ToList());
    }

    /// <summary>Longer search text cannot match a case number or a description word any better.</summary>
    private const int MaxSearchTextLength = 100;

    private static bool TryInstant(string? text, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            instant = parsed;
            return true;
        }

        return false;
    }

    private static async Task<IResult> TransitionAsync(
        HttpContext context, long id, CaseTransitionRequest? request, CaseRepository cases, CaseFeed feed, OfficerDirectory officers,
        FieldErrorText errorText, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return errorText.Problem([new FieldError("action", FieldErrorCodes.Required)]);
        }

        // Every field error at once: the action, the reason, and the note, photos and position
        // by the same rules the workflow applies (CaseRules).
        var errors = new List<FieldError>();
        var action = CaseAction.Report;
        if (string.IsNullOrWhiteSpace(request.Action))
        {
            errors.Add(new FieldError("action", FieldErrorCodes.Required));
        }
        else if (!CaseActions.TryFromCode(request.Action, out action) || action == CaseAction.Report)
        {
            errors.Add(new FieldError("action", FieldErrorCodes.UnknownValue, request.Action));
        }

        CancelReason? cancelReason = null;
        if (request.CancelReason is { } reasonCode)
        {
            try
            {
                cancelReason = CaseValueCodes.CancelReasonFromCode(reasonCode);
            }
            catch (ArgumentException)
            {
                errors.Add(new FieldError("cancelReason", FieldErrorCodes.UnknownValue, reasonCode));
            }
        }

        errors.AddRange(CaseRules.ValidateActionInput(request.Note, request.PhotoIds?.Count ?? 0, request.Lat, request.Lon));
        if (errors.Count > 0)
        {
            return errorText.Problem(errors);
        }

        var scope = context.User.GetGridScope();
        var version = request.Version;
        if (version is null)
        {
            // Without a version the caller accepts whatever state the case is in now; the
            // transition rules still refuse an action that does not fit that state.
            var current = await cases.GetAsync(scope, id, cancellationToken);
            if (current is null)
            {
                return NotFound(id);
            }

            version = current.Version;
        }

        var command = new CaseCommand(action, context.User.ToCaseActor())
        {
            Note = request.Note,
            AssigneeOfficerId = request.AssigneeOfficerId,
            CancelReason = cancelReason,
            DuplicateOf = request.DuplicateOf,
            PhotoIds = request.PhotoIds ?? [],
            Location = request.Lat is { } lat && request.Lon is { } lon ? new CaseLocation(lat, lon) : null,
        };
        var result = await cases.ApplyAsync(scope, id, version.Value, command, cancellationToken);
        switch (result.Outcome)
        {
            case CaseWriteOutcome.Applied when result.Case is { } c:
                feed.Publish(c);
                return Results.Ok(new CaseTransitionResponse(c.Id, c.State.ToCode(), c.Version, c.Status.Deadline, AssigneeOf(c, officers)));
            case CaseWriteOutcome.NotFound:
                return NotFound(id);
            case CaseWriteOutcome.Conflict:
                return Results.Problem(
                    title: $"Case {id} has changed: version {result.CurrentVersion} is current, the request was for version {version}.",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["currentVersion"] = result.CurrentVersion });
        }

        var refusal = result.Refusal;
        if (refusal is { FieldErrors.Count: > 0 })
        {
            return errorText.Problem(refusal.FieldErrors);
        }

        var extensions = new Dictionary<string, object?>
        {
            ["state"] = refusal?.State?.ToCode(),
            ["action"] = action.ToCode(),
            ["kind"] = refusal?.Kind.ToString(),
        };
        var status = refusal?.Kind switch
        {
            RefusalKind.IllegalTransition => StatusCodes.Status422UnprocessableEntity,
            RefusalKind.NotPermitted => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        };
        return Results.Problem(title: result.Message ?? refusal?.Message ?? "refused", statusCode: status, extensions: extensions);
    }
}
