namespace GridMap.Domain.Cases;

/// <summary>How serious a hazard is; the taxonomy gives a default, the verifier may change it.</summary>
public enum Severity
{
    /// <summary>轻微.</summary>
    Low,

    /// <summary>一般.</summary>
    Medium,

    /// <summary>较大.</summary>
    High,

    /// <summary>重大: a danger to life now (a missing manhole cover, a building that may collapse).</summary>
    Critical,
}

/// <summary>Where a report came from.</summary>
public enum CaseSource
{
    /// <summary>Entered in the console (command centre, grid leaders).</summary>
    Console,

    /// <summary>An officer's phone.</summary>
    Mobile,

    /// <summary>Another system or the public through Open311 GeoReport v2.</summary>
    Open311,
}

/// <summary>Why a case was cancelled.</summary>
public enum CancelReason
{
    /// <summary>Not true, or does not meet the filing conditions (不符合立案条件).</summary>
    Invalid,

    /// <summary>The same hazard is already a case (<see cref="CaseCommand.DuplicateOf"/>).</summary>
    Duplicate,
}

/// <summary>The stretch of the workflow a time limit covers; each has its own limit per sub-category.</summary>
public enum CaseStage
{
    /// <summary>reported → verified or cancelled (核实时限).</summary>
    Verification,

    /// <summary>verified → dispatched (派遣时限).</summary>
    Dispatch,

    /// <summary>dispatched → handled, through accept and start (处置时限).</summary>
    Handling,

    /// <summary>handled → checked or returned (核查时限).</summary>
    Check,
}

public static class CaseValueCodes
{
    public static string ToCode(this Severity severity) => severity switch
    {
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    public static Severity SeverityFromCode(string code) => code switch
    {
        "low" => Severity.Low,
        "medium" => Severity.Medium,
        "high" => Severity.High,
        "critical" => Severity.Critical,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown severity."),
    };

    public static string ToCode(this CaseSource source) => source switch
    {
        CaseSource.Console => "console",
        CaseSource.Mobile => "mobile",
        CaseSource.Open311 => "open311",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    public static CaseSource SourceFromCode(string code) => code switch
    {
        "console" => CaseSource.Console,
        "mobile" => CaseSource.Mobile,
        "open311" => CaseSource.Open311,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown case source."),
    };

    public static string ToCode(this CancelReason reason) => reason switch
    {
        CancelReason.Invalid => "invalid",
        CancelReason.Duplicate => "duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static CancelReason CancelReasonFromCode(string code) => code switch
    {
        "invalid" => CancelReason.Invalid,
        "duplicate" => CancelReason.Duplicate,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown cancel reason."),
    };

    public static string ToCode(this CaseStage stage) => stage switch
    {
        CaseStage.Verification => "verification",
        CaseStage.Dispatch => "dispatch",
        CaseStage.Handling => "handling",
        CaseStage.Check => "check",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static CaseStage StageFromCode(string code) => code switch
    {
        "verification" => CaseStage.Verification,
        "dispatch" => CaseStage.Dispatch,
        "handling" => CaseStage.Handling,
        "check" => CaseStage.Check,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown case stage."),
    };

    /// <summary>The timed stage a case in <paramref name="state"/> is in; null when no clock runs (parked, checked, closed, cancelled).</summary>
    public static CaseStage? StageOf(CaseState state) => state switch
    {
        CaseState.Reported => CaseStage.Verification,
        CaseState.Verified => CaseStage.Dispatch,
        CaseState.Dispatched or CaseState.Accepted or CaseState.InHandling => CaseStage.Handling,
        CaseState.Handled => CaseStage.Check,
        _ => null,
    };
}

/// <summary>A WGS 84 position (EPSG:4326).</summary>
public readonly record struct CaseLocation(double Lat, double Lon)
{
    public static string? Validate(double lat, double lon)
    {
        if (!CaseRules.IsLatitude(lat))
        {
            return $"latitude {lat} is not between -90 and 90";
        }

        if (!CaseRules.IsLongitude(lon))
        {
            return $"longitude {lon} is not between -180 and 180";
        }

        return null;
    }
}
