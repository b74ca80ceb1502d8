namespace GridMap.Domain.Cases.Indicators;

/// <summary>A case with its timeline, as the statistics read it.</summary>
public sealed record CaseHistory
{
    public required long CaseId { get; init; }

    public required string GridCode { get; init; }

    public required string CategoryCode { get; init; }

    public required string SubcategoryCode { get; init; }

    /// <summary>The category is one of the rental-house inspections (八查): counts in the rectification rate.</summary>
    public bool RentalHazard { get; init; }

    public IReadOnlyList<string> Departments { get; init; } = [];

    /// <summary>The officer who reported it, when an officer did (for valid-report rates).</summary>
    public long? ReporterOfficerId { get; init; }

    public CaseSource Source { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The timeline in sequence order.</summary>
    public required IReadOnlyList<CaseEvent> Events { get; init; }
}
