using GridMap.Domain.Access;
using GridMap.Domain.Grids;

namespace GridMap.UnitTests.Access;

public sealed class GridScopeTests
{
    private static readonly GridCode s_village = GridCode.Parse("441302010001");
    private static readonly GridCode s_otherVillage = GridCode.Parse("441302010002");

    [Fact]
    public void A_grant_covers_the_grid_and_its_descendants_only()
    {
        var scope = GridScope.Of([s_village]);

        Assert.True(scope.Includes(s_village));
        Assert.True(scope.Includes(s_village.Child(3).Child(7)));
        Assert.False(scope.Includes(s_otherVillage));
        Assert.False(scope.Includes(s_otherVillage.Child(1)));
        Assert.Equal(["441302010001%"], scope.LikePatterns());
    }

    [Fact]
    public void Nested_grants_collapse_to_their_roots()
    {
        var scope = GridScope.Of([s_village.Child(2), s_village, s_otherVillage.Child(1).Child(4)]);

        Assert.Equal(["441302010001", "44130201000201004"], scope.Roots.Select(r => r.Value));
    }

    [Fact]
    public void No_grants_means_nothing_is_visible()
    {
        var scope = GridScope.Of([]);

        Assert.False(scope.IsEverything);
        Assert.False(scope.Includes(s_village));
        Assert.Empty(scope.LikePatterns());
    }

    [Fact]
    public void Whole_district_roles_see_everything()
    {
        Assert.True(UserRole.Command.SeesWholeDistrict());
        Assert.True(UserRole.Official.SeesWholeDistrict());
        Assert.True(UserRole.Admin.SeesWholeDistrict());
        Assert.False(UserRole.GridLeader.SeesWholeDistrict());
        Assert.False(UserRole.GridOfficer.SeesWholeDistrict());
        Assert.True(GridScope.Everything.Includes(s_otherVillage));
    }

    [Theory]
    [InlineData(UserRole.Command)]
    [InlineData(UserRole.GridLeader)]
    [InlineData(UserRole.GridOfficer)]
    [InlineData(UserRole.Official)]
    [InlineData(UserRole.Admin)]
    public void Role_codes_round_trip(UserRole role)
    {
        Assert.Equal(role, UserRoles.FromCode(role.ToCode()));
    }
}
