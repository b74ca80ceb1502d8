using GridMap.Data.Access;
using GridMap.Tools.Generation;

namespace GridMap.UnitTests.Generation;

public sealed class GenerationPartsTests
{
    [Fact]
    public void Inset_moves_each_edge_inward_by_its_own_distance()
    {
        Vec2[] square = [new(0, 0), new(100, 0), new(100, 100), new(0, 100)];

        var inset = Convex.Inset(square, [10, 0, 5, 20])!;

        Assert.Equal([new Vec2(20, 10), new Vec2(100, 10), new Vec2(100, 95), new Vec2(20, 95)], inset);
        Assert.Null(Convex.Inset(square, [60, 0, 60, 0]));
    }

    [Fact]
    public void Overlap_needs_the_clearance_between_rectangles()
    {
        var frame = new Frame(new Vec2(0, 0), new Vec2(1, 0));
        var a = frame.Rectangle(0, 0, 10, 12);
        var touching = frame.Rectangle(10, 0, 10, 12);
        var apart = frame.Rectangle(10.5, 0, 10, 12);
        var crossing = frame.Rectangle(5, 5, 10, 12);

        Assert.False(Convex.Overlap(a, touching));
        Assert.True(Convex.Overlap(a, touching, clearance: 0.3));
        Assert.False(Convex.Overlap(a, apart, clearance: 0.3));
        Assert.True(Convex.Overlap(a, crossing));
    }

    [Fact]
    public void A_lane_is_clipped_to_its_block()
    {
        Vec2[] block = [new(0, 0), new(100, 0), new(100, 100), new(0, 100)];

        var clipped = Convex.ClipSegment(block, new Vec2(-50, 40), new Vec2(150, 40));

        Assert.Equal((new Vec2(0, 40), new Vec2(100, 40)), clipped);
        Assert.Null(Convex.ClipSegment(block, new Vec2(-50, 140), new Vec2(150, 140)));
    }

    [Fact]
    public void Apportion_respects_the_total_and_the_bounds()
    {
        var seats = Partitioning.Apportion(91, [10, 20, 30, 1, 1], [99, 99, 99, 99, 2]);

        Assert.Equal(91, seats.Sum());
        Assert.All(seats, s => Assert.True(s >= 1));
        Assert.True(seats[4] <= 2);
        Assert.True(seats[2] > seats[1] && seats[1] > seats[0]);
        Assert.Throws<InvalidOperationException>(() => Partitioning.Apportion(10, [1, 1], [3, 3]));
    }

    [Fact]
    public void Grown_regions_are_connected_and_cover_every_cell()
    {
        var random = new Random(3);
        var lattice = Lattice.Create(20, 16, 200, random);
        var cells = lattice.DistrictCells;
        var seeds = Partitioning.PickSeeds(cells, 9, lattice, random);

        var region = Partitioning.Grow(cells, seeds, Enumerable.Repeat(1.0, 9).ToArray(), _ => 1, lattice, random);

        Assert.All(region, r => Assert.InRange(r, 0, 8));
        for (var r = 0; r < 9; r++)
        {
            var members = cells.Where((_, k) => region[k] == r).ToHashSet();
            var reached = new HashSet<int> { members.First() };
            var stack = new Stack<int>(reached);
            while (stack.Count > 0)
            {
                foreach (var n in lattice.DistrictNeighbours(stack.Pop()).Where(members.Contains))
                {
                    if (reached.Add(n))
                    {
                        stack.Push(n);
                    }
                }
            }

            Assert.Equal(members.Count, reached.Count);
        }
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(3, "三")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(37, "三十七")]
    [InlineData(105, "一百零五")]
    [InlineData(110, "一百一十")]
    [InlineData(1001, "一千零一")]
    public void Lane_numbers_are_written_in_chinese(int n, string expected) =>
        Assert.Equal(expected, ChineseNames.Numeral(n));

    [Theory]
    [InlineData(new string[0], "Demo", GenerationOptions.DefaultSeed, false, false)]
    [InlineData(new[] { "--scale", "city", "--seed", "5", "--replace" }, "City", 5, false, true)]
    [InlineData(new[] { "--if-empty", "--scale", "demo" }, "Demo", GenerationOptions.DefaultSeed, true, false)]
    public void Generate_arguments_parse(string[] args, string scale, int seed, bool ifEmpty, bool replace)
    {
        Assert.True(GenerateCommand.TryParse(args, out var parsed, out var error), error);
        var expected = new GenerateCommand.Arguments(Enum.Parse<DistrictScale>(scale), seed, GenerationOptions.DefaultReferenceDate, ifEmpty, replace);
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("--if-empty", "--replace")]
    [InlineData("--scale", "town")]
    [InlineData("--seed", "x")]
    [InlineData("--frobnicate", "")]
    public void Bad_generate_arguments_are_refused(string first, string second)
    {
        Assert.False(GenerateCommand.TryParse(second.Length == 0 ? [first] : [first, second], out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Demo_accounts_are_named_by_village_order_and_show_the_officer()
    {
        DemoVillage[] villages =
        [
            new("441302010001", "白石村", 7, "王伟", 40, "李娜", "44130201000101001", "白石村第1网格第1片区"),
            new("441302010002", "金源社区", 9, "陈静", 52, "张强", "44130201000201002", "金源社区第1网格第2片区"),
        ];

        var accounts = DemoAccountsCommand.Plan(villages);

        Assert.Equal(["admin", "command", "official", "leader01", "officer01", "leader02", "officer02"], accounts.Select(a => a.Username));
        var leader = accounts.Single(a => a.Username == "leader01");
        Assert.Equal("王伟（白石村网格长）", leader.DisplayName);
        Assert.Equal(("grid_leader", 7L, "441302010001"), (leader.Role, leader.OfficerId!.Value, leader.ScopeGridCodes.Single()));
        var officer = accounts.Single(a => a.Username == "officer02");
        Assert.Equal(("grid_officer", 52L, "44130201000201002"), (officer.Role, officer.OfficerId!.Value, officer.ScopeGridCodes.Single()));
        Assert.Contains("张强", officer.DisplayName);
        Assert.All(accounts.Take(3), a => Assert.Empty(a.ScopeGridCodes));
    }
}
