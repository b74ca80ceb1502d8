using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using GridMap.Domain.Cases;
using GridMap.Web.Cases;
using GridMap.Web.Grids;
using GridMap.Web.Live;
using GridMap.Web.Security;
using GridMap.Web.Services;
using GridMap.Web.Tiles;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Components.CaseMap;

/// <summary>A case state as the case layer draws it.</summary>
public sealed record CaseStateStyle(string Code, string Name, string Color, bool Open);

/// <summary>
/// What the map page hands to client/src/cases/*.ts in &lt;script type="application/json"
/// id="case-config"&gt;; mirrors client/src/cases/config.ts, change both together.
/// </summary>
public sealed record CaseMapClientConfig(
    string Culture,
    string TimeZone,
    int RecentlyClosedDays,
    int FeedSize,
    IReadOnlyList<CaseStateStyle> States,
    IReadOnlyDictionary<string, string> Strings)
{
    /// <summary>State colours: waiting (amber), with someone (blues), done (greens), stopped (greys).</summary>
    public static readonly IReadOnlyList<(string Code, string Color, bool Open)> Palette =
    [
        ("reported", "#f08c00", true),
        ("verified", "#e8590c", true),
        ("dispatched", "#1c7ed6", true),
        ("accepted", "#4263eb", true),
        ("in_handling", "#7048e8", true),
        ("handled", "#0ca678", true),
        ("checked", "#2f9e44", true),
        ("parked", "#495057", true),
        ("closed", "#868e96", false),
        ("cancelled", "#adb5bd", false),
    ];

    public static readonly string[] ScriptStringKeys =
    [
        "CaseMap_Feed_Empty", "CaseMap_Feed_Overdue", "CaseMap_Feed_Escalated", "CaseMap_Feed_Unread",
        "CaseMap_Report_Hint", "CaseMap_Report_Building", "CaseMap_Report_Point", "CaseMap_Report_Sending",
        "CaseMap_Report_Filed", "CaseMap_Report_Failed", "CaseMap_Report_SessionExpired",
        "CaseMap_Duplicate_Title", "CaseMap_Duplicate_Open", "CaseMap_Duplicate_FileAnyway", "CaseMap_Duplicate_Item",
        "CaseMap_Duplicate_SameBuilding", "CaseMap_Load_Failed", "CaseMap_Truncated",
    ];

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        // Chinese stays readable; <, >, & and quotes are escaped so the JSON cannot close its <script>.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public static CaseMapClientConfig Create(CaseMapOptions options, string timeZone, IStringLocalizer localizer) => new(
        UiCulture.IsEnglish ? "en" : "zh-CN",
        timeZone,
        options.RecentlyClosedDays,
        options.FeedSize,
        Palette.Select(p => new CaseStateStyle(p.Code, localizer.StateName(CaseStates.FromCode(p.Code)), p.Color, p.Open)).ToList(),
        ScriptStringKeys.ToDictionary(k => k, k => localizer[k].Value));
}
