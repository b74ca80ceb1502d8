using GridMap.Domain.Access;
using GridMap.Domain.People;
using Npgsql;

namespace GridMap.Data.Buildings;

/// <summary>Reads buildings and their rental houses within the caller's scope; personal numbers leave masked.</summary>
public sealed class BuildingRepository(NpgsqlDataSource dataSource)
{
    private static string Sql(string name) => NamedQueries.Get("Buildings", name);

    public async Task<BuildingDetail?> GetAsync(GridScope scope, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        BuildingDetail detail;
        long? houseId;
        await using (var command = new NpgsqlCommand(Sql("GetBuilding"), connection))
        {
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddScope(scope);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            houseId = reader.IsDBNull(14) ? null : reader.GetInt64(14);
            var rental = houseId is null
                ? null
                : new RentalHouseInfo(
                    houseId.Value,
                    reader.GetString(15),
                    MaskPhone(reader.GetString(16)),
                    IdNumber.Mask(reader.GetString(17)),
                    reader.IsDBNull(18) ? null : reader.GetString(18),
                    reader.GetFieldValue<DateOnly>(19),
                    reader.GetBoolean(20),
                    Units: 0, Rooms: 0, Capacity: 0);
            detail = new BuildingDetail(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt16(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7),
                reader.GetString(8), reader.GetString(9), reader.GetString(10),
                reader.GetBoolean(11), reader.GetInt32(12), reader.GetInt32(13),
                rental, []);
        }

        if (houseId is null)
        {
            return detail;
        }

        var units = new List<RentalUnitInfo>();
        await using (var command = new NpgsqlCommand(Sql("GetRentalUnits"), connection))
        {
            command.Parameters.AddWithValue("house", houseId.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                units.Add(new RentalUnitInfo(
                    reader.GetInt64(0), reader.GetString(1), reader.GetInt16(2), reader.GetInt16(3),
                    reader.GetDecimal(4), reader.GetInt32(5)));
            }
        }

        return detail with
        {
            Units = units,
            Rental = detail.Rental! with
            {
                Units = units.Count,
                Rooms = units.Sum(u => u.Rooms),
                Capacity = units.Sum(u => u.Capacity),
            },
        };
    }

    private static string MaskPhone(string phone) =>
        phone.Length >= 7 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : new string('*', phone.Length);
}
