using System.Globalization;
using GridMap.Data.Cases;
using GridMap.Data.Rectification;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.Domain.Rectification;
using GridMap.Web.Cases;
using GridMap.Web.Security;

namespace GridMap.Web.Rectification;

public sealed record IssueNoticeRequest(string? Requirements, DateTimeOffset? Deadline, int? WorkingDays, long? Supersedes);

public sealed record RecordReinspectionRequest(string? Result, string? Note, IReadOnlyList<Guid>? PhotoIds);

public sealed record NoticeAddresseeResponse(string Name, string Phone);

public sealed record NoticeBuildingResponse(long Id, string Address);

public sealed record NoticeHazardResponse(string Subcategory, string Name, string NameEn, string Description);

public sealed record NoticeOfficeResponse(string Name, string NameEn);

public sealed record NoticeIssuerResponse(string Ref, string Name);

public sealed record NoticeResponse(
    long Id, long CaseId, string CaseNumber, string Number, NoticeAddresseeResponse Addressee, NoticeBuildingResponse Building,
    NoticeHazardResponse Hazard, string Basis, string BasisEn, string Requirements, DateTimeOffset Deadline,
    NoticeOfficeResponse IssuingOffice, DateTimeOffset IssuedAt, NoticeIssuerResponse IssuedBy, long? Supersedes, long? SupersededBy,
    string PrintUrl)
{
    public static NoticeResponse From(RectificationNotice n) => new(
        n.Id, n.CaseId, n.CaseNumber, n.Number, new NoticeAddresseeResponse(n.LandlordName, n.LandlordPhone),
        new NoticeBuildingResponse(n.BuildingId, n.Address), new NoticeHazardResponse(n.SubcategoryCode, n.HazardZh, n.HazardEn, n.Description),
        n.BasisZh, n.BasisEn, n.Requirements, n.Deadline, new NoticeOfficeResponse(n.OfficeZh, n.OfficeEn), n.IssuedAt,
        new NoticeIssuerResponse(n.IssuedBy, n.IssuedByName), n.Supersedes, n.SupersededBy, NoticePaths.Print(n.CaseId, n.Id));
}

public sealed record ReinspectionResultResponse(
    string Result, string? Note, IReadOnlyList<Guid> PhotoIds, string RecordedBy, string RecordedByName, DateTimeOffset RecordedAt);

public sealed record ReinspectionResponse(
    long Id, long NoticeId, string NoticeNumber, long CaseId, string CaseNumber, string GridCode, int Round, DateTimeOffset DueAt,
    bool Open, bool Due, ReinspectionResultResponse? Result)
{
    public static ReinspectionResponse From(Reinspection r, DateTimeOffset now) => new(
        r.Id, r.NoticeId, r.NoticeNumber, r.CaseId, r.CaseNumber, r.GridCode, r.Round, r.DueAt, r.Open, r.Open && r.DueAt <= now,
        r.Result is { } x ? new ReinspectionResultResponse(x.Result, x.Note, x.PhotoIds, x.RecordedBy, x.RecordedByName, x.RecordedAt) : null);
}

public sealed record ReinspectionRecordedResponse(ReinspectionResponse Reinspection, ReinspectionResponse? Next);

public static class NoticePaths
{
    public static string Print(long caseId, long noticeId) => $"/cases/{caseId}/notices/{noticeId}";
}

/// <summary>
/// Rectification notices of a case and the re-inspections they schedule. Scope is the caller's
/// grids: a case outside it is "not found". See docs/api.md, "Rectification notices and re-inspections".
/// </summary>
public static class RectificationEndpoints
{
    public static IEndpointRouteBuilder MapRectificationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/cases/{id:long}/rectification-notices", IssueAsync);
        app.MapGet("/api/v1/cases/{id:long}/rectification-notices", ListNoticesAsync);
        app.MapGet("/api/v1/cases/{id:long}/reinspections", ListForCaseAsync);
        app.MapGet("/api/v1/reinspections", ListAsync);
        app.MapPost("/api/v1/reinspections/{id:long}", RecordAsync);
        return app;
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static IResult CaseNotFound(long id) => Results.Problem(
        title: $"Case {id} does not exist or is not among your grids.", statusCode: StatusCodes.Status404NotFound);

    private static IResult Unprocessable(string field, string message) => Results.Problem(
        title: message, statusCode: StatusCodes.Status422UnprocessableEntity,
        extensions: new Dictionary<string, object?> { ["field"] = field, ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    private static async Task<IResult> IssueAsync(
        HttpContext context, long id, IssueNoticeRequest? request, RectificationRepository notices, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        request ??= new IssueNoticeRequest(null, null, null, null);
        if (context.User.GetRole() is not { } role || !RectificationRules.MayIssue(role))
        {
            return Results.Problem(
                title: "Rectification notices are issued by grid leaders, the command centre or administrators.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (request.Requirements is { Length: > RectificationRules.MaxRequirementsLength })
        {
            return Invalid("requirements", $"requirements have {request.Requirements.Length} characters; at most {RectificationRules.MaxRequirementsLength}");
        }

        if (request.Deadline is not null && request.WorkingDays is not null)
        {
            return Invalid("deadline", "give either deadline or workingDays, not both");
        }

        if (request.WorkingDays is { } days && days is < 1 or > RectificationRules.MaxWorkingDays)
        {
            return Invalid("workingDays", $"workingDays must be between 1 and {RectificationRules.MaxWorkingDays} (got {days})");
        }

        var result = await notices.IssueAsync(context.User.GetGridScope(), id, new NoticeRequest
        {
            Requirements = request.Requirements,
            Deadline = request.Deadline,
            WorkingDays = request.WorkingDays,
            Supersedes = request.Supersedes,
        }, context.User.ToCaseActor(), cancellationToken);
        switch (result.Outcome)
        {
            case RectificationOutcome.Done when result.Value is { } notice:
                loggers.CreateLogger("GridMap.Web.Rectification").LogInformation(
                    "Notice {Number} issued for case {Case} by {Issuer}; deadline {Deadline:u}", notice.Number, notice.CaseNumber, notice.IssuedBy, notice.Deadline);
                return Results.Created(NoticePaths.Print(notice.CaseId, notice.Id), NoticeResponse.From(notice));
            case RectificationOutcome.NotFound:
                return CaseNotFound(id);
            case RectificationOutcome.Conflict:
                return Results.Problem(title: result.Message, statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["field"] = result.Field });
            default:
                return Unprocessable(result.Field ?? "body", result.Message ?? "refused");
        }
    }

    private static async Task<IResult> ListNoticesAsync(
        HttpContext context, long id, RectificationRepository notices, CaseRepository cases, CancellationToken cancellationToken)
    {
        var scope = context.User.GetGridScope();
        var list = await notices.ListNoticesAsync(scope, id, null, cancellationToken);
        if (list.Count == 0 && await cases.GetAsync(scope, id, cancellationToken) is null)
        {
            return CaseNotFound(id);
        }

        return Results.Ok(list.Select(NoticeResponse.From).ToList());
    }

    private static async Task<IResult> ListForCaseAsync(
        HttpContext context, long id, RectificationRepository notices, CaseRepository cases, TimeProvider time, CancellationToken cancellationToken)
    {
        var scope = context.User.GetGridScope();
        var list = await notices.ListForCaseAsync(scope, id, cancellationToken);
        if (list.Count == 0 && await cases.GetAsync(scope, id, cancellationToken) is null)
        {
            return CaseNotFound(id);
        }

        var now = time.GetUtcNow();
        return Results.Ok(list.Select(r => ReinspectionResponse.From(r, now)).ToList());
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, RectificationRepository notices, TimeProvider time, bool? due, int? limit, CancellationToken cancellationToken)
    {
        if (due != true)
        {
            return Invalid("due", "only due=true is supported: the re-inspections of one case are at /api/v1/cases/{id}/reinspections");
        }

        var now = time.GetUtcNow();
        var list = await notices.ListDueAsync(context.User.GetGridScope(), limit ?? 200, cancellationToken);
        return Results.Ok(list.Select(r => ReinspectionResponse.From(r, now)).ToList());
    }

    private static async Task<IResult> RecordAsync(
        HttpContext context, long id, RecordReinspectionRequest? request, RectificationRepository notices, TimeProvider time,
        FieldErrorText errorText, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return errorText.Problem([new FieldError("result", FieldErrorCodes.Required)]);
        }

        // Every field error at once; note and photos by the case rules.
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Result))
        {
            errors.Add(new FieldError("result", FieldErrorCodes.Required));
        }
        else if (!ReinspectionOutcomes.TryFromCode(request.Result, out _))
        {
            errors.Add(new FieldError("result", FieldErrorCodes.UnknownValue, request.Result));
        }

        var photos = request.PhotoIds ?? [];
        CaseRules.AddText(errors, CaseRules.Fields.Note, request.Note, CaseRules.MaxNoteLength, required: false);
        CaseRules.AddPhotoCount(errors, "photoIds", photos.Count);
        if (errors.Count > 0)
        {
            return errorText.Problem(errors);
        }

        ReinspectionOutcomes.TryFromCode(request.Result, out var outcome);
        var result = await notices.RecordResultAsync(context.User.GetGridScope(), id, outcome, request.Note, photos, context.User.ToCaseActor(), cancellationToken);
        var now = time.GetUtcNow();
        switch (result.Outcome)
        {
            case RectificationOutcome.Done when result.Value is { } recorded:
                loggers.CreateLogger("GridMap.Web.Rectification").LogInformation(
                    "Re-inspection {Id} of notice {Notice}: {Result}; next {Next}", id, recorded.Reinspection.NoticeNumber, outcome.ToCode(),
                    recorded.Next?.DueAt.ToString("u", CultureInfo.InvariantCulture) ?? "none");
                return Results.Ok(new ReinspectionRecordedResponse(
                    ReinspectionResponse.From(recorded.Reinspection, now), recorded.Next is { } next ? ReinspectionResponse.From(next, now) : null));
            case RectificationOutcome.NotFound:
                return Results.Problem(title: $"Re-inspection {id} does not exist or is not among your grids.", statusCode: StatusCodes.Status404NotFound);
            case RectificationOutcome.Forbidden:
                return Results.Problem(title: result.Message, statusCode: StatusCodes.Status403Forbidden);
            case RectificationOutcome.Conflict:
                return Results.Problem(title: result.Message, statusCode: StatusCodes.Status409Conflict);
            default:
                return Unprocessable(result.Field ?? "body", result.Message ?? "refused");
        }
    }
}
