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
        "Mobile_NotAssigned", "Mobile_State_reported", "Mobile_State_verified", "Mobile_State_dispatched",
        "Mobile_State_accepted", "Mobile_State_in_handling", "Mobile_State_handled", "Mobile_State_checked",
        "Mobile_State_closed", "Mobile_State_cancelled", "Mobile_State_parked", "Mobile_Distance",
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
