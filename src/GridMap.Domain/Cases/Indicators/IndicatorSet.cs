namespace GridMap.Domain.Cases.Indicators;

/// <summary>
/// The city-management evaluation indicators over a cohort of cases (those filed in a period),
/// as of the end of the period. Counts are exact; a rate is null when its denominator is zero
/// (no cases is not 0% and not 100%). Definitions in docs/cases.md.
/// </summary>
public sealed record IndicatorSet
{
    /// <summary>Cases filed (reported) in the period.</summary>
    public int Filed { get; init; }

    public int Cancelled { get; init; }

    /// <summary>Filed − cancelled: the cases that should be closed (应结案数).</summary>
    public int Valid => Filed - Cancelled;

    public int Closed { get; init; }

    /// <summary>Closed, and never past a running deadline (every stage finished within its limit).</summary>
    public int ClosedOnTime { get; init; }

    /// <summary>Verifications (verify, or cancel of a report) and how many within the verification limit.</summary>
    public int Verifications { get; init; }

    public int VerificationsOnTime { get; init; }

    /// <summary>Dispatch and reassign events; accurate ones are those the case was not reassigned away from.</summary>
    public int Dispatches { get; init; }

    public int AccurateDispatches { get; init; }

    public int Handlings { get; init; }

    public int HandlingsOnTime { get; init; }

    /// <summary>On-site checks, passed or failed.</summary>
    public int Checks { get; init; }

    public int ChecksOnTime { get; init; }

    /// <summary>Failed checks (返工次数).</summary>
    public int ReworkCount { get; init; }

    /// <summary>Cases handled at least once, and those returned for rework at least once.</summary>
    public int CasesHandled { get; init; }

    public int CasesReworked { get; init; }

    /// <summary>Cases that missed a limit, or are open past their deadline at the end of the period.</summary>
    public int Overdue { get; init; }

    public int Escalations { get; init; }

    /// <summary>Mean time from first dispatch to the last handling, over the cases handled (continuous time).</summary>
    public TimeSpan? MeanHandlingTime { get; init; }

    /// <summary>Valid rental-house hazard cases (八查 categories) and how many are closed (rectified).</summary>
    public int RentalHazards { get; init; }

    public int RentalHazardsRectified { get; init; }

    /// <summary>Cases reported by the public or other systems (Open311): hazards the patrols missed.</summary>
    public int PublicReports { get; init; }

    /// <summary>结案率 = closed / valid.</summary>
    public double? ClosureRate => Rate(Closed, Valid);

    /// <summary>按期结案率 = closed on time / valid.</summary>
    public double? OnTimeClosureRate => Rate(ClosedOnTime, Valid);

    /// <summary>准确立案率 = (filed − cancelled) / filed.</summary>
    public double? AccurateFilingRate => Rate(Valid, Filed);

    /// <summary>准确派遣率 = dispatches not reassigned / dispatches.</summary>
    public double? AccurateDispatchRate => Rate(AccurateDispatches, Dispatches);

    public double? OnTimeVerificationRate => Rate(VerificationsOnTime, Verifications);

    public double? OnTimeHandlingRate => Rate(HandlingsOnTime, Handlings);

    public double? OnTimeCheckRate => Rate(ChecksOnTime, Checks);

    /// <summary>返工率 = cases reworked / cases handled.</summary>
    public double? ReworkRate => Rate(CasesReworked, CasesHandled);

    /// <summary>整改率 of rental-house hazards = rectified / valid rental-house hazard cases.</summary>
    public double? RectificationRate => Rate(RentalHazardsRectified, RentalHazards);

    /// <summary>漏报率 = public reports / filed.</summary>
    public double? MissedReportRate => Rate(PublicReports, Filed);

    private static double? Rate(int part, int whole) => whole > 0 ? (double)part / whole : null;
}

/// <summary>One group's indicators: a grid, a department or an officer.</summary>
public sealed record IndicatorRow(string Key, IndicatorSet Indicators, double? Score);

/// <summary>An officer's own reports: how many, and how many survived verification.</summary>
public sealed record ReportingRow(long OfficerId, int Reports, int ValidReports)
{
    /// <summary>有效上报率.</summary>
    public double? ValidReportRate => Reports > 0 ? (double)ValidReports / Reports : null;
}
