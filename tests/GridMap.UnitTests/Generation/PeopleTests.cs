using GridMap.Data.Loading;
using GridMap.Domain.People;
using GridMap.Tools.Generation;

namespace GridMap.UnitTests.Generation;

[Collection(DemoDistrictCollection.Name)]
public sealed class PeopleTests(DemoDistrictFixture fixture)
{
    private IEnumerable<ResidentRow> Current => fixture.Data.Residents.Where(r => r.DepartedOn is null);

    private DateOnly Reference => fixture.District.Options.ReferenceDate;

    [Fact]
    public void About_175_000_residents_of_whom_69_percent_are_migrants()
    {
        var current = Current.ToList();
        Assert.InRange(current.Count, 175_000 * 0.95, 175_000 * 1.05);
        Assert.InRange(current.Count(r => r.IsMigrant) / (double)current.Count, 0.67, 0.71);
    }

    [Fact]
    public void At_least_three_villages_are_inverted_with_over_80_percent_migrants()
    {
        var villageOf = fixture.Data.Buildings.ToDictionary(b => b.Id, b => b.GridCode[..12]);
        var shares = Current.GroupBy(r => villageOf[r.BuildingId])
            .Select(g => (Village: g.Key, Share: g.Count(r => r.IsMigrant) / (double)g.Count()))
            .ToList();
        Assert.Equal(11, shares.Count);
        Assert.True(shares.Count(s => s.Share > 0.8) >= 3, string.Join(", ", shares.Select(s => $"{s.Village} {s.Share:P0}")));
        // Communities in the town centre have far fewer migrants than the inverted villages.
        Assert.Contains(shares, s => s.Share < 0.6);
    }

    [Fact]
    public void Every_id_number_is_valid_unique_and_consistent_with_the_person()
    {
        var residents = fixture.Data.Residents;
        Assert.All(residents, r => Assert.True(IdNumber.IsValid(r.IdNumber), r.IdNumber));
        Assert.All(fixture.Data.RentalHouses, h => Assert.True(IdNumber.IsValid(h.LandlordIdNumber), h.LandlordIdNumber));
        var all = residents.Select(r => r.IdNumber).Concat(fixture.Data.RentalHouses.Select(h => h.LandlordIdNumber)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());

        var origins = Divisions.AllMigrantOrigins.ToHashSet();
        foreach (var r in residents)
        {
            Assert.Equal(r.OriginDivision, r.IdNumber[..6]);
            // GB 11643: the sequence's last digit is odd for men.
            Assert.Equal(r.Gender == 'M', (r.IdNumber[16] - '0') % 2 == 1);
            var birth = DateOnly.ParseExact(r.IdNumber.Substring(6, 8), "yyyyMMdd");
            Assert.True(birth <= Reference);
            if (r.IsMigrant)
            {
                Assert.Contains(r.OriginDivision, origins);
            }
            else
            {
                Assert.Equal("441302", r.OriginDivision);
            }
        }

        // Migrants come from many provinces.
        var provinces = residents.Where(r => r.IsMigrant).Select(r => r.OriginDivision[..2]).Distinct().ToList();
        Assert.Superset(new HashSet<string> { "43", "45", "51", "36", "41", "42", "52", "44" }, provinces.ToHashSet());
    }

    [Fact]
    public void Residence_permits_go_to_migrants_resident_over_six_months()
    {
        var residents = Current.ToList();
        Assert.All(residents.Where(r => r.ResidencePermitNo is not null), r =>
        {
            Assert.True(r.IsMigrant);
            Assert.NotNull(r.ArrivedOn);
            Assert.True(r.ArrivedOn!.Value.AddMonths(6) <= Reference, $"{r.ArrivedOn} is within six months");
            Assert.NotNull(r.PermitExpiresOn);
        });
        Assert.All(residents.Where(r => !r.IsMigrant), r => Assert.Null(r.ArrivedOn));
        Assert.All(residents.Where(r => r.IsMigrant), r => Assert.NotNull(r.ArrivedOn));

        var longStay = residents.Where(r => r.IsMigrant && r.ArrivedOn!.Value.AddDays(183) <= Reference).ToList();
        Assert.InRange(longStay.Count(r => r.ResidencePermitNo is not null) / (double)longStay.Count, 0.8, 0.97);
        var permits = residents.Where(r => r.ResidencePermitNo is not null).Select(r => r.ResidencePermitNo).ToList();
        Assert.Equal(permits.Count, permits.Distinct().Count());
    }

    [Fact]
    public void Residents_live_in_existing_buildings_and_units_of_those_buildings()
    {
        var buildings = fixture.Data.Buildings.Select(b => b.Id).ToHashSet();
        var houseOfUnit = fixture.Data.RentalUnits.ToDictionary(u => u.Id, u => u.RentalHouseId);
        var buildingOfHouse = fixture.Data.RentalHouses.ToDictionary(h => h.Id, h => h.BuildingId);
        foreach (var r in fixture.Data.Residents)
        {
            Assert.Contains(r.BuildingId, buildings);
            if (r.RentalUnitId is { } unit)
            {
                Assert.Equal(r.BuildingId, buildingOfHouse[houseOfUnit[unit]]);
            }
        }

        Assert.Equal(fixture.Data.Residents.Count, fixture.Data.Residents.Select(r => r.Id).Distinct().Count());
        Assert.Equal(fixture.Data.RentalHouses.Count, fixture.Data.RentalHouses.Select(h => h.BuildingId).Distinct().Count());
        var departed = fixture.Data.Residents.Where(r => r.DepartedOn is not null).ToList();
        Assert.NotEmpty(departed);
        Assert.All(departed, r => Assert.True(r.ArrivedOn < r.DepartedOn && r.DepartedOn <= Reference));
    }

    [Fact]
    public void Some_units_are_overcrowded_but_most_are_not()
    {
        var residentsPerUnit = Current.Where(r => r.RentalUnitId is not null).GroupBy(r => r.RentalUnitId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var occupied = fixture.Data.RentalUnits.Where(u => residentsPerUnit.ContainsKey(u.Id)).ToList();
        var crowded = occupied.Count(u => u.AreaM2 / residentsPerUnit[u.Id] < 5m);
        Assert.InRange(crowded / (double)occupied.Count, 0.005, 0.08);
    }
}
