using GridMap.Domain.Grids;

namespace GridMap.UnitTests.Grids;

public sealed class GridCodeTests
{
    [Theory]
    [InlineData("441302010001", GridLevel.First)]
    [InlineData("44130201000102", GridLevel.Second)]
    [InlineData("44130201000102003", GridLevel.Third)]
    public void Level_follows_from_the_length(string value, GridLevel expected)
    {
        Assert.Equal(expected, GridCode.Parse(value).Level);
    }

    [Fact]
    public void A_child_code_extends_its_parent()
    {
        var village = GridCode.FirstLevel("441302", street: 10, community: 1);
        var grid = village.Child(2);
        var block = grid.Child(3);

        Assert.Equal("441302010001", village.Value);
        Assert.Equal("44130201000102", grid.Value);
        Assert.Equal("44130201000102003", block.Value);
        Assert.Equal(grid, block.Parent);
        Assert.Equal(village, grid.Parent);
        Assert.Null(village.Parent);
        Assert.True(village.IsAncestorOf(block));
        Assert.False(block.IsAncestorOf(village));
        Assert.Equal(3, block.Sequence);
        Assert.Equal("441302", block.CountyCode);
        Assert.Equal("441302010", block.StreetCode);
    }

    [Fact]
    public void Level_two_sequence_00_is_allowed_for_an_undivided_community()
    {
        Assert.Equal("44130201000100", GridCode.Parse("441302010001").Child(0).Value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("4413020100", "10 digits")]
    [InlineData("4413020100010", "13 digits")]
    [InlineData("44130201000A", "contains 'A'")]
    [InlineData("991302010001", "not a GB/T 2260")]
    [InlineData("440000010001", "names a province")]
    [InlineData("441302000001", "street/town number 000")]
    [InlineData("441302010000", "community/village number 000")]
    [InlineData("44130201000102000", "third-level sequence 000")]
    public void Malformed_codes_are_rejected_with_the_reason(string value, string reason)
    {
        Assert.False(GridCode.TryParse(value, out _, out var error));
        Assert.Contains(reason, error);
        Assert.Throws<FormatException>(() => GridCode.Parse(value));
    }

    [Fact]
    public void A_third_level_grid_has_no_children()
    {
        Assert.Throws<InvalidOperationException>(() => GridCode.Parse("44130201000102003").Child(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GridCode.Parse("44130201000102").Child(1000));
    }
}
