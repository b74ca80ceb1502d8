namespace GridMap.Domain.Cases.Indicators;

/// <summary>
/// Weights of the composite score (section "Cases:Indicators"). Cities weigh the indicators
/// differently, so they are configuration; the defaults put on-time closure first, as most
/// city-management evaluation schemes do. Rework counts as (1 − rework rate).
/// </summary>
public sealed class IndicatorWeights
{
    public const string SectionName = "Cases:Indicators";

    public double ClosureRate { get; set; } = 20;

    public double OnTimeClosureRate { get; set; } = 30;

    public double AccurateFilingRate { get; set; } = 10;

    public double AccurateDispatchRate { get; set; } = 10;

    public double OnTimeVerificationRate { get; set; } = 10;

    public double OnTimeCheckRate { get; set; } = 10;

    public double ReworkRate { get; set; } = 10;
}
