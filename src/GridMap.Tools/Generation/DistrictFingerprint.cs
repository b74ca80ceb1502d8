using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GridMap.Data.Loading;
using NetTopologySuite.IO;

namespace GridMap.Tools.Generation;

/// <summary>
/// SHA-256 over every field of every row, geometries as little-endian WKB without SRID (a
/// canonical byte form of the coordinates): two districts with the same fingerprint load
/// byte-identical data. Printed by `generate` and compared by the tests.
/// </summary>
internal static class DistrictFingerprint
{
    public static string Compute(DistrictData district)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new StringBuilder();

        void Field(object? value)
        {
            buffer.Append(value switch
            {
                null => "∅",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            }).Append('\u001f');
        }

        void EndRow()
        {
            buffer.Append('\u001e');
            if (buffer.Length > 1 << 16)
            {
                Flush();
            }
        }

        void Flush()
        {
            hash.AppendData(Encoding.UTF8.GetBytes(buffer.ToString()));
            buffer.Clear();
        }

        var wkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: false);

        void Geometry(NetTopologySuite.Geometries.Geometry geometry)
        {
            Flush();
            hash.AppendData(wkb.Write(geometry));
        }

        Field(district.Name);
        Field(district.ReferenceDate);
        EndRow();
        foreach (var g in district.Grids)
        {
            Field(g.Code); Field(g.Name); Field(g.Level); Field(g.ParentCode); Field(g.LandUse); Field(g.Households); Field(g.ValidFrom);
            Geometry(g.Boundary);
            EndRow();
        }

        foreach (var o in district.Officers)
        {
            Field(o.Id); Field(o.Name); Field(o.Gender); Field(o.Phone);
            EndRow();
        }

        foreach (var a in district.OfficerAssignments)
        {
            Field(a.Id); Field(a.OfficerId); Field(a.GridCode); Field(a.Role); Field(a.Shift); Field(a.BuildingId); Field(a.Since);
            EndRow();
        }

        foreach (var b in district.Buildings)
        {
            Field(b.Id); Field(b.GridCode); Field(b.Address); Field(b.Floors); Field(b.Kind); Field(b.ManagementMode); Field(b.AccessControl);
            Geometry(b.Footprint);
            EndRow();
        }

        foreach (var h in district.RentalHouses)
        {
            Field(h.Id); Field(h.BuildingId); Field(h.LandlordName); Field(h.LandlordPhone); Field(h.LandlordIdNumber);
            Field(h.ManagerName); Field(h.RegisteredOn); Field(h.IsLarge);
            EndRow();
        }

        foreach (var u in district.RentalUnits)
        {
            Field(u.Id); Field(u.RentalHouseId); Field(u.UnitNumber); Field(u.Rooms); Field(u.Capacity); Field(u.AreaM2);
            EndRow();
        }

        foreach (var r in district.Residents)
        {
            Field(r.Id); Field(r.BuildingId); Field(r.RentalUnitId); Field(r.Name); Field(r.Gender); Field(r.IdNumber); Field(r.Phone);
            Field(r.IsMigrant); Field(r.OriginDivision); Field(r.ArrivedOn); Field(r.DepartedOn); Field(r.ResidencePermitNo); Field(r.PermitExpiresOn);
            EndRow();
        }

        foreach (var road in district.Roads)
        {
            Field(road.Name); Field(road.Class);
            Geometry(road.Geometry);
            EndRow();
        }

        foreach (var block in district.Blocks)
        {
            Field(block.Kind);
            Geometry(block.Geometry);
            EndRow();
        }

        foreach (var water in district.Waters)
        {
            Field(water.Name);
            Geometry(water.Geometry);
            EndRow();
        }

        Flush();
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
