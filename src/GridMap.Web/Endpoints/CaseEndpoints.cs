using System.Globalization;
using System.Security.Claims;
using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Dispatch;
using GridMap.Web.Cases;
using GridMap.Web.Live;
using GridMap.Web.Mobile;
using GridMap.Web.Security;

namespace GridMap.Web.Endpoints;

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

    /// <summary>
    /// Reporters whose report is verified at once and dispatched by rule: the people who would
    /// verify it anyway (grid officers on site, leaders, the command centre). Officials' reports
    /// wait in "reported" for a verifier.
    /// </summary>
    public static bool VerifiesOwnReport(UserRole role) =>
        role is UserRole.GridOfficer or UserRole.GridLeader or UserRole.Command or UserRole.Admin;

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// Reads a report as JSON or as a form (multipart/form-data with photos in <c>photos</c>); both
    /// then go through the same validation and filing, so the answers are the same.
    /// </summary>
    private static async Task<IResult> CreateAsync(
        HttpContext context, TaxonomyRepository taxonomy, CaseRepository cases, CaseDispatcher dispatcher, CaseFeed feed,
        OfficerDirectory officers, PhotoIntake photoIntake, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        CreateCaseRequest? request;
        IReadOnlyList<byte[]> photos = [];
        if (context.Request.HasFormContentType)
        {
            var (read, refusal) = await photoIntake.ReadFormAsync(context, ReportPhotoField, required: false, cancellationToken);
            if (refusal is not null)
            {
                return refusal.ToResult();
            }

            var (fromForm, fieldError) = CaseForm.Read(read!.Form!);
            if (fieldError is { } error)
            {
                return Invalid(error.Field, error.Message);
            }

            request = fromForm;
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
                return Invalid("body", $"the body is not valid JSON: {e.Message}");
            }
        }
        else
        {
            return Results.Problem(
                title: "Send the report as application/json, or as multipart/form-data with photos in the field 'photos'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        return await FileAsync(context, request, photos, taxonomy, cases, dispatcher, feed, officers, loggers, cancellationToken);
    }

    /// <summary>The form field of a report's photos in a multipart report.</summary>
    public const string ReportPhotoField = "photos";

    /// <summary>Why a report cannot be filed as it is (400 naming the field), or null.</summary>
    private static async Task<(string Field, string Message)?> ValidateAsync(
        CreateCaseRequest? request, TaxonomyRepository taxonomy, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ("body", "a JSON body {lat, lon, category, description} is required");
        }

        if (request.Lat is not { } lat)
        {
            return ("lat", "lat is required (WGS84 degrees)");
        }

        if (request.Lon is not { } lon)
        {
            return ("lon", "lon is required (WGS84 degrees)");
        }

        if (!double.IsFinite(lat) || lat is < -90 or > 90)
        {
            return ("lat", $"lat must be between -90 and 90 (got {lat.ToString(CultureInfo.InvariantCulture)})");
        }

        if (!double.IsFinite(lon) || lon is < -180 or > 180)
        {
            return ("lon", $"lon must be between -180 and 180 (got {lon.ToString(CultureInfo.InvariantCulture)})");
        }

        if (string.IsNullOrWhiteSpace(request.Category))
        {
            return ("category", "category (a hazard sub-category code such as fire_ebike_indoor) is required");
        }

        if (string.IsNullOrWhiteSpace(request.Description))
        {
            return ("description", "description is required");
        }

        if (request.Description.Length > CaseRules.MaxNoteLength)
        {
            return ("description", $"description has {request.Description.Length} characters; at most {CaseRules.MaxNoteLength}");
        }

        if (await taxonomy.GetSubcategoryAsync(request.Category, null, cancellationToken) is null)
        {
            return ("category", $"unknown category '{request.Category}': not a current hazard sub-category");
        }

        return null;
    }

    private static async Task<IResult> FileAsync(
        HttpContext context, CreateCaseRequest? request, IReadOnlyList<byte[]> photos, TaxonomyRepository taxonomy, CaseRepository cases,
        CaseDispatcher dispatcher, CaseFeed feed, OfficerDirectory officers, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(request, taxonomy, cancellationToken) is { } invalid)
        {
            return Invalid(invalid.Field, invalid.Message);
        }

        var lat = request!.Lat!.Value;
        var lon = request.Lon!.Value;
        var location = await dispatcher.LocateAsync(lat, lon, cancellationToken);
        if (location is null)
        {
            return Invalid("location", "location outside the district: the point is in no grid");
        }

        var scope = context.User.GetGridScope();
        if (request.ConfirmNotDuplicate != true)
        {
            var duplicates = await cases.FindDuplicatesAsync(
                scope, new DuplicateQuery(request.Category!, lat, lon) { BuildingId = request.BuildingId }, cancellationToken);
            if (duplicates.Count > 0)
            {
                return Results.Problem(
                    title: $"An open case of {request.Category} is already filed here: {duplicates[0].Number}. Send \"confirmNotDuplicate\": true to file anyway.",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?>
                    {
                        ["duplicateOf"] = duplicates[0].Id,
                        ["duplicates"] = duplicates.Select(d => new { d.Id, d.Number, State = d.State.ToCode(), d.DistanceMetres, d.SameBuilding }).ToList(),
                    });
            }
        }

        var actor = context.User.ToCaseActor();
        var logger = loggers.CreateLogger("GridMap.Web.Cases");
        // Verification at report and dispatch by rule go into the report's own transaction.
        // Dispatch runs as the system, in the whole district's scope: the rule may pick a leader
        // of a parent grid whatever the reporter may see.
        var followUps = new List<CaseCommand>();
        DispatchChoice? choice = null;
        if (actor.Role is { } role && VerifiesOwnReport(role))
        {
            followUps.Add(new CaseCommand(CaseAction.Verify, actor) { Note = "上报即核实 / verified at report by the reporting " + role.ToCode() });
            choice = await dispatcher.ChooseAsync(location.GridCode, cancellationToken);
            if (choice is not null)
            {
                followUps.Add(dispatcher.CommandFor(choice, location.FlaggedNeighbours));
            }
            else
            {
                logger.LogWarning("Grid {Grid}: no on-shift officer or grid leader; the report is left for manual dispatch", location.GridCode);
            }
        }

        var created = await cases.CreateAsync(scope, new NewCase
        {
            SubcategoryCode = request.Category!,
            Description = request.Description!,
            Lat = lat,
            Lon = lon,
            GridCode = location.GridCode,
            BuildingId = request.BuildingId,
            Source = actor.Role == UserRole.GridOfficer ? CaseSource.Mobile : CaseSource.Console,
            Photos = photos,
        }, actor, followUps, cancellationToken);
        if (created.Outcome != CaseWriteOutcome.Applied || created.Case is not { } detail)
        {
            var field = created.Message?.StartsWith("photo", StringComparison.Ordinal) == true ? ReportPhotoField
                : request.BuildingId is null ? "location" : "buildingId";
            return Invalid(field, created.Message ?? "the case was not filed");
        }

        if (created.FollowUpRefusal is { } refusal)
        {
            logger.LogWarning("Case {Number}: automatic step refused: {Reason}", detail.Number, refusal);
        }

        CaseAssigneeResponse? assignee = null;
        string? rule = null;
        if (choice is not null && detail.State == CaseState.Dispatched)
        {
            assignee = new CaseAssigneeResponse(choice.OfficerId, choice.Name);
            rule = choice.Rule;
            logger.LogInformation("Case {Number} dispatched to officer {Officer} ({Rule})", detail.Number, choice.OfficerId, choice.Rule);
        }

        feed.Publish(detail);
        logger.LogInformation("Case {Number} reported in grid {Grid} by {Reporter}: {State}", detail.Number, detail.GridCode, actor.Ref, detail.State.ToCode());
        var body = new CaseCreatedResponse(
            detail.Id, detail.Number, detail.GridCode, assignee ?? AssigneeOf(detail, officers), detail.State.ToCode(), detail.Status.Deadline,
            detail.Version, detail.Status.Departments, location.FlaggedNeighbours, rule);
        return Results.Created($"/api/v1/cases/{detail.Id}", body);
    }

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
    /// grid (a grid code) or gridPrefix (digits), open, overdue, nearing, unassigned, sort
    /// (deadline | reported | state), limit (1–500, default 100) and offset. The total of the
    /// filtered list is in the X-Total-Count header.
    /// </summary>
    private static async Task<IResult> ListAsync(
        HttpContext context, CaseRepository cases, TimeProvider time, string? state, string? grid, string? assignee, CancellationToken cancellationToken,
        string? gridPrefix = null, string? sort = null, bool? open = null, bool? overdue = null, bool? nearing = null,
        bool? unassigned = null, int? limit = null, int? offset = null)
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

        var now = time.GetUtcNow();
        var query = new CaseListQuery
        {
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

    private static async Task<IResult> TransitionAsync(
        HttpContext context, long id, CaseTransitionRequest? request, CaseRepository cases, CaseFeed feed, OfficerDirectory officers,
        CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Action))
        {
            return Invalid("action", "action is required (verify, dispatch, accept, start, handle, check_pass, return, close, …)");
        }

        if (!CaseActions.TryFromCode(request.Action, out var action) || action == CaseAction.Report)
        {
            return Invalid("action", $"unknown action '{request.Action}'");
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
                return Invalid("cancelReason", $"unknown cancel reason '{reasonCode}'");
            }
        }

        if ((request.Lat is null) != (request.Lon is null))
        {
            return Invalid(request.Lat is null ? "lat" : "lon", "lat and lon go together");
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
