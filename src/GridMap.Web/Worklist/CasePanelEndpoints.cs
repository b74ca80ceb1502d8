using System.Globalization;
using System.Text.Json;
using GridMap.Data.Cases;
using GridMap.Domain.Cases;
using GridMap.Web.Cases;
using GridMap.Web.Components;
using GridMap.Web.Components.Panels;
using GridMap.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Worklist;

/// <summary>
/// The case panel fragment (<c>GET /fragments/cases/{id}</c>) and its actions
/// (<c>POST /fragments/cases/{id}/actions</c>, an htmx form post with an antiforgery token). The
/// panel answers for itself: after an action it is rendered again with what happened, and a
/// successful action makes htmx fire <c>gm:case-changed</c> (detail <c>{id, state}</c>) through
/// the HX-Trigger response header so the page can refresh its lists and layers.
/// </summary>
public static class CasePanelEndpoints
{
    public const string ChangedEvent = "gm:case-changed";

    public static IEndpointRouteBuilder MapCasePanel(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/fragments/cases").RequireAuthorization();
        group.AddEndpointFilter(async (context, next) =>
        {
            // The panel names people and shows the timeline: keep it out of caches.
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        group.MapGet("/{id:long}", GetAsync);
        // The token is checked by hand below (the form is read as a whole, so the endpoint has no
        // form parameter for the antiforgery middleware to key on).
        group.MapPost("/{id:long}/actions", ActAsync).DisableAntiforgery();
        return endpoints;
    }

    internal static async Task<IResult> GetAsync(
        long id, HttpContext context, CasePanelReader reader, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        var model = await reader.ReadAsync(context.User, id, cancellationToken);
        return model is null ? NotFound() : Panel(WithToken(model, context, antiforgery));
    }

    internal static async Task<IResult> ActAsync(
        long id, HttpContext context, CasePanelReader reader, CaseRepository cases, CaseFeed feed, IAntiforgery antiforgery,
        IStringLocalizer<SharedResource> localizer, FieldErrorText fieldErrors, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem(
                title: "The form's antiforgery token is missing or invalid: reload the page and try again.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var scope = context.User.GetGridScope();
        var current = await cases.GetAsync(scope, id, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        async Task<IResult> Again(CaseDetail detail, CasePanelMessageKind kind, string text, int status)
        {
            var model = await reader.BuildAsync(context.User, detail, cancellationToken);
            return Panel(WithToken(model with { Message = new CasePanelMessage(kind, text) }, context, antiforgery), status);
        }

        var parsed = ParseCommand(form, CasePanelReader.ViewerOf(context.User));
        if (parsed.Error is { } error)
        {
            return await Again(current, CasePanelMessageKind.Error, error, StatusCodes.Status400BadRequest);
        }

        var (command, version) = (parsed.Command!, parsed.Version);
        var result = await cases.ApplyAsync(scope, id, version, command, cancellationToken);
        switch (result.Outcome)
        {
            case CaseWriteOutcome.Applied when result.Case is { } changed:
                feed.Publish(changed);
                loggers.CreateLogger("GridMap.Web.Worklist").LogInformation(
                    "Case {Number}: {Action} by {Actor} from the case panel: now {State}",
                    changed.Number, command.Action.ToCode(), command.Actor.Ref, changed.State.ToCode());
                context.Response.Headers["HX-Trigger"] = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    [ChangedEvent] = new { id = changed.Id, state = changed.State.ToCode() },
                });
                var done = string.Format(CultureInfo.CurrentCulture, localizer["Worklist_Applied"], ActionName(command.Action, localizer));
                // The case as now visible to the viewer (a reassignment may take it out of an officer's view).
                var fresh = await cases.GetAsync(scope, id, cancellationToken);
                return fresh is null ? NotFound() : await Again(fresh, CasePanelMessageKind.Success, done, StatusCodes.Status200OK);
            case CaseWriteOutcome.NotFound:
                return NotFound();
            case CaseWriteOutcome.Conflict:
                var latest = await cases.GetAsync(scope, id, cancellationToken);
                return latest is null
                    ? NotFound()
                    : await Again(latest, CasePanelMessageKind.Warning, localizer["Worklist_Stale"], StatusCodes.Status409Conflict);
            default:
                var status = result.Refusal?.Kind switch
                {
                    RefusalKind.IllegalTransition => StatusCodes.Status422UnprocessableEntity,
                    RefusalKind.NotPermitted => StatusCodes.Status403Forbidden,
                    _ => StatusCodes.Status400BadRequest,
                };
                // A field the rules refused is named in the reader's language, like every form.
                var refusal = result.Refusal is { FieldErrors.Count: > 0 } invalid
                    ? string.Join("；", invalid.FieldErrors.Select(fieldErrors.Message))
                    : result.Message ?? "refused";
                return await Again(current, CasePanelMessageKind.Error, refusal, status);
        }
    }

    internal sealed record ParsedCommand(CaseCommand? Command, int Version, string? Error);

    /// <summary>The form's fields as a command; blank optional fields are absent, not wrong.</summary>
    internal static ParsedCommand ParseCommand(IFormCollection form, CaseActor viewer)
    {
        static string? Field(IFormCollection form, string name) =>
            form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString().Trim() : null;

        if (!CaseActions.TryFromCode(Field(form, "action"), out var action) || action is CaseAction.Report or CaseAction.Warn)
        {
            return new(null, 0, $"unknown action '{Field(form, "action")}'");
        }

        if (!int.TryParse(Field(form, "version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return new(null, 0, "version: the form carries no case version; reload the panel");
        }

        long? assignee = null;
        if (Field(form, "assignee") is { } assigneeText)
        {
            if (!long.TryParse(assigneeText, NumberStyles.None, CultureInfo.InvariantCulture, out var a))
            {
                return new(null, version, $"assignee: '{assigneeText}' is not an officer id");
            }

            assignee = a;
        }

        CancelReason? cancelReason = null;
        if (Field(form, "cancelReason") is { } reasonCode)
        {
            try
            {
                cancelReason = CaseValueCodes.CancelReasonFromCode(reasonCode);
            }
            catch (ArgumentException)
            {
                return new(null, version, $"cancelReason: unknown cancel reason '{reasonCode}'");
            }
        }

        long? duplicateOf = null;
        if (cancelReason == CancelReason.Duplicate && Field(form, "duplicateOf") is { } duplicateText)
        {
            if (!long.TryParse(duplicateText.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var d))
            {
                return new(null, version, $"duplicateOf: '{duplicateText}' is not a case id");
            }

            duplicateOf = d;
        }

        return new(new CaseCommand(action, viewer)
        {
            Note = Field(form, "note"),
            AssigneeOfficerId = assignee,
            CancelReason = cancelReason,
            DuplicateOf = duplicateOf,
        }, version, null);
    }

    internal static string ActionName(CaseAction action, IStringLocalizer localizer) =>
        localizer.ActionName(action);

    private static CasePanelModel WithToken(CasePanelModel model, HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return model with { AntiforgeryFieldName = tokens.FormFieldName, AntiforgeryToken = tokens.RequestToken };
    }

    // htmx 4 swaps error responses too (only 204, 304 and 401 are not swapped, see App.razor), so
    // a refusal or a stale version comes back as the panel with its message and a truthful status.
    private static RazorComponentResult<CasePanel> Panel(CasePanelModel model, int status = StatusCodes.Status200OK) =>
        new(new Dictionary<string, object?> { [nameof(CasePanel.Model)] = model }) { StatusCode = status };

    private static RazorComponentResult<NotFoundPanel> NotFound() =>
        new() { StatusCode = StatusCodes.Status404NotFound };
}
