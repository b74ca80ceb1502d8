using GridMap.Domain.Grids;

namespace GridMap.UnitTests.Grids;

public sealed class GridSequencingTests
{
    [Fact]
    public void Siblings_are_numbered_west_to_east_then_north_to_south()
    {
        // A 2 x 2 arrangement given in scrambled order: (x, y) with y growing northwards.
        var cells = new[] { ("SE", 1.0, 0.0), ("NW", 0.0, 1.0), ("SW", 0.0, 0.0), ("NE", 1.0, 1.0) };

        var ordered = GridSequencing.Order(cells, c => (c.Item2, c.Item3)).Select(c => c.Item1);

        Assert.Equal(["NW", "NE", "SW", "SE"], ordered);
    }

    [Fact]
    public void A_slightly_more_northern_neighbour_does_not_jump_the_row()
    {
        var cells = new[] { ("A", 0.0, 10.0), ("B", 1.0, 10.2), ("C", 0.0, 0.0), ("D", 1.0, 0.1) };

        var ordered = GridSequencing.Order(cells, c => (c.Item2, c.Item3)).Select(c => c.Item1);

        Assert.Equal(["A", "B", "C", "D"], ordered);
    }
}
