using System.ComponentModel.DataAnnotations;

namespace GridMap.Web.Open311;

/// <summary>Which cases an API key may read through GET requests.</summary>
public enum Open311RequestVisibility
{
    /// <summary>Every case of the district, whoever reported it (the GeoReport model).</summary>
    All,

    /// <summary>Only the cases filed with the same key.</summary>
    Own,
}

/// <summary>Open311 GeoReport v2 settings (section "Open311").</summary>
public sealed class Open311Options
{
    public const string SectionName = "Open311";

    /// <summary>
    /// The one jurisdiction served. Clients may leave jurisdiction_id out; a different value is
    /// answered 404 as the specification says.
    /// </summary>
    [Required]
    public string JurisdictionId { get; set; } = "gridmap.local";

    /// <summary>GET requests answers at most this many (the specification's 1000).</summary>
    [Range(1, 1000)]
    public int MaxResults { get; set; } = 1000;

    /// <summary>GET requests covers this many days when no dates are given, and at most this many.</summary>
    [Range(1, 3660)]
    public int MaxRangeDays { get; set; } = 90;

    public Open311RequestVisibility RequestVisibility { get; set; } = Open311RequestVisibility.All;

    /// <summary>Discovery: how to reach the people running this endpoint.</summary>
    public string Contact { get; set; } = "街道综治中心 / Street governance centre";

    /// <summary>Discovery: how to get a key.</summary>
    public string KeyService { get; set; } = "API keys are issued by the GridMap administrators (/admin/api-keys).";
}
