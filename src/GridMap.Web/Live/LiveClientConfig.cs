using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using GridMap.Web.Components;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Live;

/// <summary>A role as the live layer draws it: code, name in the UI language, marker colour.</summary>
public sealed record LiveRoleItem(string Code, string Name, string Color);

/// <summary>
/// What the map page hands to client/src/live/*.ts in &lt;script type="application/json"
/// id="live-config"&gt;; mirrors client/src/live/config.ts, change both together.
/// </summary>
public sealed record LiveClientConfig(
    string HubUrl,
    double StaleAfterSeconds,
    double OfflineAfterSeconds,
    double ShowSilentForSeconds,
    double CoalescingMilliseconds,
    int CoverageDays,
    double CoverageDistance,
    double MaxTrackHours,
    string TimeZone,
    IReadOnlyList<LiveRoleItem> Roles,
    IReadOnlyDictionary<string, string> Strings)
{
    /// <summary>The localized strings the live scripts show (all in SharedResource*.resx).</summary>
    public static readonly string[] ScriptStringKeys =
    [
        "Live_State_live", "Live_State_stale", "Live_State_offline",
        "Live_Connection_Connecting", "Live_Connection_Live", "Live_Connection_Lost",
        "Live_Alert_Left", "Live_Alert_Returned", "Live_Alert_ShiftEnded", "Live_Alert_Dismiss", "Live_Alert_At",
        "Live_Officer_OutsideDistrict",
        "Live_Replay_Title", "Live_Replay_From", "Live_Replay_To", "Live_Replay_Load", "Live_Replay_Play",
        "Live_Replay_Pause", "Live_Replay_Speed", "Live_Replay_Close", "Live_Replay_Empty", "Live_Replay_Summary",
        "Live_Replay_Stop", "Live_Replay_Failed", "Live_Replay_Truncated", "Live_Replay_Loading",
        "Live_Coverage_Title", "Live_Coverage_Pick", "Live_Coverage_Summary", "Live_Coverage_Overdue",
        "Live_Coverage_Never", "Live_Coverage_Failed", "Live_Coverage_Loading", "Panel_Close",
    ];

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        // Leaves Chinese as characters but escapes <, >, & and quotes, so the JSON cannot close its <script>.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public static LiveClientConfig Create(LiveOptions options, string timeZone, IReadOnlyList<LiveRole> roles, IStringLocalizer localizer) => new(
        LiveLayer.HubPath,
        options.StaleAfter.TotalSeconds,
        options.OfflineAfter.TotalSeconds,
        options.ShowSilentFor.TotalSeconds,
        options.CoalescingInterval.TotalMilliseconds,
        options.CoverageOverdueDays,
        options.CoverageDistanceMetres,
        options.MaxTrackRange.TotalHours,
        timeZone,
        roles.Select(r => new LiveRoleItem(r.Code, UiCulture.Pick(r.NameZh, r.NameEn), LiveRolePalette.ColorOf(r.Code))).ToList(),
        ScriptStringKeys.ToDictionary(k => k, k => localizer[k].Value));
}

/// <summary>Marker colours by role; the toolbar legend and the map markers both read them from here.</summary>
public static class LiveRolePalette
{
    private static readonly Dictionary<string, string> s_colors = new(StringComparer.Ordinal)
    {
        ["party_secretary"] = "#c2255c",
        ["grid_leader"] = "#7048e8",
        ["deputy_leader"] = "#9c7bf2",
        ["grid_officer"] = "#1c7ed6",
        ["police_officer"] = "#0b3d91",
        ["traffic_officer"] = "#e67700",
        ["volunteer_leader"] = "#2f9e44",
        ["building_head"] = "#868e96",
    };

    public static string ColorOf(string roleCode) => s_colors.GetValueOrDefault(roleCode, "#495057");
}
