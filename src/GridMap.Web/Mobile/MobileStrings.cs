using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using GridMap.Web.Components;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Mobile;

/// <summary>The texts the mobile module shows itself (position, sending, answers), in the page's culture.</summary>
public static class MobileStrings
{
    private static readonly string[] s_keys =
    [
        "Mobile_Locating", "Mobile_PositionAccuracy", "Mobile_PositionDenied", "Mobile_PositionUnavailable",
        "Mobile_NoPosition", "Mobile_Sending", "Mobile_Failed", "Mobile_DuplicateFound", "Mobile_EvidenceRequired",
        "Mobile_NotAssigned", "Case_State_reported", "Case_State_verified", "Case_State_dispatched",
        "Case_State_accepted", "Case_State_in_handling", "Case_State_handled", "Case_State_checked",
        "Case_State_closed", "Case_State_cancelled", "Case_State_parked", "Mobile_Distance",
        "Mobile_SyncedAt", "Mobile_Offline", "Mobile_NewTask", "Mobile_NewTasks",
        // The report form's checks before posting (client/src/mobile/report.ts), in the server's words.
        "Validation_required", "Validation_too_long", "Validation_too_many", "Field_category", "Field_description", "Field_photos",
    ];

    // Safe inside <script type="application/json">: '<' and '&' are escaped by the encoder.
    private static readonly JsonSerializerOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Json(IStringLocalizer<SharedResource> localizer) =>
        JsonSerializer.Serialize(s_keys.ToDictionary(k => k, k => localizer[k].Value), s_options);
}
