using GridMap.Data.Cases;
using GridMap.Data.Open311;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Dispatch;

namespace GridMap.Web.Cases;

/// <summary>A report as every channel (case API, phone form, console form, Open311) hands it to <see cref="CaseIntake"/>.</summary>
public sealed record CaseIntakeRequest(double? Lat, double? Lon, string? Category, string? Description)
{
    public long? BuildingId { get; init; }

    /// <summary>The reporter saw the likely duplicates and files anyway.</summary>
    public bool ConfirmNotDuplicate { get; init; }

    public IReadOnlyList<byte[]> Photos { get; init; } = [];
}

/// <summary>
/// Who files a report and in which scope. Console users see their grids, are stopped by a likely
/// duplicate (they can look at it and confirm) and, when their role verifies anyway, have the
/// report verified and dispatched by rule in the same transaction. An Open311 reporter cannot
/// see cases: a likely duplicate is filed anyway and recorded in <see cref="Open311Record"/>,
/// which is stored with the case.
/// </summary>
public sealed record CaseReporter(CaseActor Actor, GridScope Scope, CaseSource Source)
{
    public Open311RequestRecord? Open311Record { get; init; }

    public static CaseReporter Console(CaseActor actor, GridScope scope) =>
        new(actor, scope, actor.Role == UserRole.GridOfficer ? CaseSource.Mobile : CaseSource.Console);

    public static CaseReporter Open311(CaseActor actor, Open311RequestRecord record) =>
        new(actor, GridScope.Everything, CaseSource.Open311) { Open311Record = record };
}

/// <summary>
/// What became of a report: filed (<see cref="Case"/>), refused by the field rules
/// (<see cref="Errors"/>, every one of them), refused by the store for a reason that is not a
/// field rule (<see cref="Refusal"/>, naming the field), or held back as a likely duplicate
/// (<see cref="HeldAsDuplicate"/>).
/// </summary>
public sealed record CaseIntakeResult
{
    public CaseDetail? Case { get; init; }

    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public (string Field, string Message)? Refusal { get; init; }

    /// <summary>Open cases of the same kind nearby: why a console report was held back, or what an Open311 report was filed beside.</summary>
    public IReadOnlyList<DuplicateCandidate> Duplicates { get; init; } = [];

    /// <summary>The rule's choice when the report was dispatched at once.</summary>
    public DispatchChoice? Dispatched { get; init; }

    public IReadOnlyList<string> FlaggedGrids { get; init; } = [];

    public bool HeldAsDuplicate => Case is null && Errors.Count == 0 && Refusal is null && Duplicates.Count > 0;
}

/// <summary>
/// Case intake, once for every channel: the field rules (<see cref="CaseRules.ValidateReport"/>),
/// the point to its grid, the duplicate check, verification and dispatch at report, filing in one
/// transaction (where the sub-category is read, once), the live feed and the log. Each channel
/// keeps its own request and answer shapes and turns the result into them.
/// </summary>
public sealed class CaseIntake(
    CaseRepository cases, ServiceRequestStore requests, CaseDispatcher dispatcher, CaseFeed feed, ILogger<CaseIntake> logger)
{
    /// <summary>
    /// Reporters whose report is verified at once and dispatched by rule: the people who would
    /// verify it anyway (grid officers on site, leaders, the command centre). Officials' reports
    /// wait in "reported" for a verifier.
    /// </summary>
    public static bool VerifiesOwnReport(UserRole role) =>
        role is UserRole.GridOfficer or UserRole.GridLeader or UserRole.Command or UserRole.Admin;

    /// <summary>The rules a form can check before posting; <see cref="FileAsync"/> checks them again.</summary>
    public static IReadOnlyList<FieldError> Validate(CaseIntakeRequest request) =>
        CaseRules.ValidateReport(request.Lat, request.Lon, request.Category, request.Description, request.Photos.Count);

    public async Task<CaseIntakeResult> FileAsync(CaseIntakeRequest request, CaseReporter reporter, CancellationToken cancellationToken)
    {
        if (Validate(request) is { Count: > 0 } errors)
        {
            return new CaseIntakeResult { Errors = errors };
        }

        var (lat, lon, category) = (request.Lat!.Value, request.Lon!.Value, request.Category!);
        var location = await dispatcher.LocateAsync(lat, lon, cancellationToken);
        if (location is null)
        {
            return new CaseIntakeResult { Errors = [new FieldError(CaseRules.Fields.Location, FieldErrorCodes.OutsideDistrict)] };
        }

        IReadOnlyList<DuplicateCandidate> duplicates = [];
        if (!request.ConfirmNotDuplicate)
        {
            duplicates = await cases.FindDuplicatesAsync(
                reporter.Scope, new DuplicateQuery(category, lat, lon) { BuildingId = request.BuildingId }, cancellationToken);
            if (duplicates.Count > 0 && reporter.Open311Record is null)
            {
                return new CaseIntakeResult { Duplicates = duplicates };
            }
        }

        // Verification at report and dispatch by rule go into the report's own transaction.
        // Dispatch runs as the system, in the whole district's scope: the rule may pick a leader
        // of a parent grid whatever the reporter may see.
        var actor = reporter.Actor;
        var followUps = new List<CaseCommand>();
        DispatchChoice? choice = null;
        if (actor.Kind == CaseActorKind.User && actor.Role is { } role && VerifiesOwnReport(role))
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

        var newCase = new NewCase
        {
            SubcategoryCode = category,
            Description = request.Description!,
            Lat = lat,
            Lon = lon,
            GridCode = location.GridCode,
            BuildingId = request.BuildingId,
            Source = reporter.Source,
            Photos = request.Photos,
        };
        var created = reporter.Open311Record is { } record
            ? await requests.FileAsync(newCase, actor, record with { PossibleDuplicates = duplicates.Select(d => d.Id).ToList() }, cancellationToken)
            : await cases.CreateAsync(reporter.Scope, newCase, actor, followUps, cancellationToken);
        if (created.Outcome != CaseWriteOutcome.Applied || created.Case is not { } detail)
        {
            if (created.Refusal is { FieldErrors.Count: > 0 } invalid)
            {
                return new CaseIntakeResult { Errors = invalid.FieldErrors };
            }

            // What the store checks against other rows: the grid in the reporter's scope, the
            // building, the photos' content.
            var field = created.Message?.StartsWith("photo", StringComparison.Ordinal) == true ? CaseRules.Fields.Photos
                : request.BuildingId is null ? CaseRules.Fields.Location : "buildingId";
            return new CaseIntakeResult { Refusal = (field, created.Message ?? "the case was not filed") };
        }

        if (created.FollowUpRefusal is { } refusal)
        {
            logger.LogWarning("Case {Number}: automatic step refused: {Reason}", detail.Number, refusal);
        }

        DispatchChoice? dispatched = null;
        if (choice is not null && detail.State == CaseState.Dispatched)
        {
            dispatched = choice;
            logger.LogInformation("Case {Number} dispatched to officer {Officer} ({Rule})", detail.Number, choice.OfficerId, choice.Rule);
        }

        feed.Publish(detail);
        logger.LogInformation("Case {Number} ({Category}) reported in grid {Grid} by {Reporter}: {State}; {Duplicates} possible duplicate(s)",
            detail.Number, category, detail.GridCode, actor.Ref, detail.State.ToCode(), duplicates.Count);
        return new CaseIntakeResult
        {
            Case = detail,
            Duplicates = duplicates,
            Dispatched = dispatched,
            FlaggedGrids = location.FlaggedNeighbours,
        };
    }
}
