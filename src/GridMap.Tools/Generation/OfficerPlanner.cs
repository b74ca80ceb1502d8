using GridMap.Data.Loading;

namespace GridMap.Tools.Generation;

/// <summary>
/// 定人、定责、定岗: the people fixed to each grid. Level 1: party secretary, grid leader, deputy
/// and resident police officer; level 2: a grid leader and, on a third of them, a traffic
/// officer; level 3: one full-time grid officer on day shift or two on staggered early and
/// late shifts (错峰上班). Building heads (楼栋长) are tied to their building.
/// </summary>
internal sealed class OfficerPlanner(GenerationOptions options, Random random)
{
    public List<OfficerRow> Officers { get; } = [];

    public List<OfficerAssignmentRow> Assignments { get; } = [];

    public void PlanGrids(GridHierarchy grids)
    {
        foreach (var first in grids.FirstLevel)
        {
            Assign(first.Code, "party_secretary", "day", maleShare: 0.75);
            Assign(first.Code, "grid_leader", "day", maleShare: 0.65);
            Assign(first.Code, "deputy_leader", "day", maleShare: 0.5);
            Assign(first.Code, "police_officer", "day", maleShare: 0.85);
        }

        foreach (var second in grids.SecondLevel)
        {
            Assign(second.Code, "grid_leader", "day", maleShare: 0.6);
            if (random.NextDouble() < 0.35)
            {
                Assign(second.Code, "traffic_officer", "day", maleShare: 0.85);
            }
        }

        foreach (var third in grids.SecondLevel.SelectMany(s => s.Children))
        {
            if (random.NextDouble() < 0.5)
            {
                Assign(third.Code, "grid_officer", "early", maleShare: 0.45);
                Assign(third.Code, "grid_officer", "late", maleShare: 0.45);
            }
            else
            {
                Assign(third.Code, "grid_officer", "day", maleShare: 0.45);
            }
        }
    }

    /// <summary>A building head per chosen building; often the landlord, otherwise a tenant or owner.</summary>
    public void PlanBuildingHeads(IEnumerable<(long BuildingId, string GridCode, string? Landlord)> buildings)
    {
        foreach (var (buildingId, gridCode, landlord) in buildings)
        {
            var name = landlord is not null && random.NextDouble() < 0.5 ? landlord : null;
            Assign(gridCode, "building_head", "on_call", maleShare: 0.6, buildingId, name);
        }
    }

    private void Assign(string gridCode, string role, string shift, double maleShare, long? buildingId = null, string? name = null)
    {
        var gender = random.NextDouble() < maleShare ? 'M' : 'F';
        var officer = new OfficerRow(Officers.Count + 1L, name ?? ChineseNames.FullName(random, gender), gender, ChineseNames.Phone(random));
        Officers.Add(officer);
        Assignments.Add(new OfficerAssignmentRow(
            Assignments.Count + 1L,
            officer.Id,
            gridCode,
            role,
            shift,
            buildingId,
            options.ReferenceDate.AddDays(-random.Next(30, 2200))));
    }
}
