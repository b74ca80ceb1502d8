using System.Globalization;
using System.Security.Claims;
using GridMap.Domain.Cases;
using GridMap.Web.Cases;
using GridMap.Web.Components;
using GridMap.Web.Export;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Worklist;

/// <summary>
/// The worklist as shown (the same filters and sort, every page up to <see cref="MaxRows"/>) as a
/// CSV file for a spreadsheet, with the headings and state names in the reader's language.
/// </summary>
public sealed class WorklistExport(WorklistReader reader, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>More rows than a person reads; a larger extract is a database job, not a button.</summary>
    public const int MaxRows = 10_000;

    public async Task<(byte[] Content, int Rows)> WriteAsync(ClaimsPrincipal user, WorklistFilter filter, CancellationToken cancellationToken)
    {
        var csv = new CsvDocument();
        csv.Line([
            localizer["Worklist_Number"], localizer["Worklist_Subcategory"], localizer["Worklist_Grid"], localizer["Worklist_GridCode"],
            localizer["Worklist_State"], localizer["Worklist_Assignee"], localizer["Worklist_Deadline"], localizer["Worklist_TimeLeft"],
            localizer["Worklist_Reported"], localizer["Worklist_Escalation"],
        ]);
        var rows = 0;
        for (var page = 1; rows < MaxRows; page++)
        {
            var model = await reader.ReadAsync(user, filter with { Page = page }, WorklistReader.ExportPageSize, withCounts: false, cancellationToken);
            foreach (var c in model.Page.Items.Take(MaxRows - rows))
            {
                var deadline = model.DeadlineOf(c);
                csv.Line([
                    c.Number,
                    UiCulture.Pick(c.SubcategoryNameZh, c.SubcategoryNameEn),
                    model.GridNames.GetValueOrDefault(c.GridCode) ?? "",
                    c.GridCode,
                    localizer.StateName(c.State),
                    c.AssigneeOfficerId is { } a ? model.OfficerNames.GetValueOrDefault(a) ?? $"#{a}" : localizer["Worklist_Unassigned"],
                    c.Deadline is { } due ? CaseTimes.Local(model.Calendar, due) : "",
                    deadline is not null && c.StageLimit is { } limit ? CaseTimes.RemainingText(deadline.Remaining, limit.Unit, localizer) : "",
                    CaseTimes.Local(model.Calendar, c.CreatedAt),
                    c.EscalationLevel > 0 ? localizer[$"Worklist_EscalationLevel_{c.EscalationLevel}"] : "",
                ]);
                rows++;
            }

            if (page * WorklistReader.ExportPageSize >= model.Page.Total)
            {
                break;
            }
        }

        return (csv.ToBytes(), rows);
    }

    public static string FileName(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"worklist-{now:yyyyMMdd-HHmm}.csv");
}
