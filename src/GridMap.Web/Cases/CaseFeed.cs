using GridMap.Data.Cases;
using GridMap.Domain.Cases;
using GridMap.Domain.Grids;
using GridMap.Web.Live;

namespace GridMap.Web.Cases;

/// <summary>
/// Pushes case changes to the connected consoles ("cases" messages) through each console's
/// session, which applies the console's scope: a console sees a case only when its grids include
/// the case's grid, exactly as the case API's scope filter does.
/// </summary>
public sealed class CaseFeed(ConsoleSessions sessions, TimeProvider time)
{
    public void Publish(CaseDetail detail) => Publish(new LiveCaseMessage(
        detail.Id, detail.Number, detail.State.ToCode(), detail.GridCode, detail.Lat, detail.Lon,
        detail.IsOverdue(time.GetUtcNow()), detail.Status.EscalationLevel,
        detail.SubcategoryCode, detail.SubcategoryNameZh, detail.SubcategoryNameEn, detail.Severity.ToCode(),
        detail.Status.Deadline, detail.UpdatedAt));

    public void Publish(LiveCaseMessage message)
    {
        if (!GridCode.TryParse(message.GridCode, out var grid))
        {
            return;
        }

        foreach (var session in sessions.Current)
        {
            if (session.Scope.Includes(grid))
            {
                session.OfferCase(message);
            }
        }
    }
}
