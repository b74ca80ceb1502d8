using GridMap.Tools.Generation;

namespace GridMap.UnitTests.Generation;

[Collection(DemoDistrictCollection.Name)]
public sealed class DeterminismTests(DemoDistrictFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_same_seed_gives_byte_identical_data_and_another_seed_different_data()
    {
        var expected = DistrictFingerprint.Compute(fixture.Data);

        var again = DistrictGenerator.Generate(GenerationOptions.Demo(), Ct);
        var other = DistrictGenerator.Generate(GenerationOptions.Demo(seed: 7), Ct);

        Assert.Equal(expected, DistrictFingerprint.Compute(again.Data));
        Assert.NotEqual(expected, DistrictFingerprint.Compute(other.Data));
        // Another seed is another street, but with the same shape of numbers.
        Assert.Equal(345, other.Data.Grids.Count);
        Assert.InRange(other.Data.Residents.Count(r => r.DepartedOn is null), 175_000 * 0.95, 175_000 * 1.05);
    }

    [Fact]
    public void The_reference_date_moves_the_dates_and_nothing_else_changes_with_the_clock()
    {
        var shifted = DistrictGenerator.Generate(GenerationOptions.Demo(referenceDate: fixture.District.Options.ReferenceDate.AddYears(1)), Ct);
        Assert.NotEqual(DistrictFingerprint.Compute(fixture.Data), DistrictFingerprint.Compute(shifted.Data));
        // Geometry and codes depend on the seed only.
        Assert.Equal(fixture.Data.Grids.Select(g => g.Code), shifted.Data.Grids.Select(g => g.Code));
        Assert.Equal(fixture.Data.Buildings.Select(b => b.Address), shifted.Data.Buildings.Select(b => b.Address));
        Assert.All(shifted.Data.Grids, g => Assert.Equal(fixture.District.Options.ReferenceDate, g.ValidFrom));
    }

    [Fact]
    public void The_fingerprint_notices_a_one_field_change()
    {
        var changed = fixture.Data with
        {
            Buildings = fixture.Data.Buildings.Select((b, i) => i == 100 ? b with { Floors = (short)(b.Floors + 1) } : b).ToList(),
        };

        Assert.NotEqual(DistrictFingerprint.Compute(fixture.Data), DistrictFingerprint.Compute(changed));
    }
}
