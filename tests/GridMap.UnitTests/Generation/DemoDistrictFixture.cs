using GridMap.Data.Loading;
using GridMap.Tools.Generation;
using NetTopologySuite.Geometries;

namespace GridMap.UnitTests.Generation;

/// <summary>The demo district, generated once for every test class of the collection (about three seconds).</summary>
public sealed class DemoDistrictFixture
{
    public DemoDistrictFixture()
    {
        District = DistrictGenerator.Generate(GenerationOptions.Demo());
        GridsByCode = District.Data.Grids.ToDictionary(g => g.Code, StringComparer.Ordinal);
    }

    internal GeneratedDistrict District { get; }

    internal DistrictData Data => District.Data;

    internal IReadOnlyDictionary<string, GridRow> GridsByCode { get; }

    internal IEnumerable<GridRow> Level(int level) => Data.Grids.Where(g => g.Level == level);

    internal IEnumerable<GridRow> ChildrenOf(string code) => Data.Grids.Where(g => g.ParentCode == code);

    internal static Geometry Union(IEnumerable<Geometry> geometries) =>
        NetTopologySuite.Operation.Union.CascadedPolygonUnion.Union(geometries.ToArray());
}

[CollectionDefinition(Name)]
public sealed class DemoDistrictCollection : ICollectionFixture<DemoDistrictFixture>
{
    public const string Name = "generated demo district";
}
