namespace GridMap.Data.Grids.Import;

/// <summary>
/// One problem found in an import file. <see cref="FeatureIndex"/> is the position in the
/// <c>features</c> array counting from 0 (as <c>jq '.features[3]'</c> does), or null when the
/// problem concerns the whole file or a parent that is not in the file.
/// </summary>
/// <param name="Check">The property or validation rule that failed, e.g. <c>name</c>, <c>validity</c>, <c>overlap</c>.</param>
public sealed record ImportIssue(int? FeatureIndex, string? Code, string Check, string Message)
{
    public override string ToString()
    {
        var where = FeatureIndex is { } index
            ? $"feature #{index} ({(string.IsNullOrEmpty(Code) ? "no code" : Code)})"
            : string.IsNullOrEmpty(Code) ? "file" : $"grid {Code}";
        return $"{where}: {Check}: {Message}";
    }
}

/// <summary>
/// The outcome of one import. Either every feature was written (<see cref="Errors"/> empty) or
/// nothing was. <see cref="Imported"/> counts codes that were new (version 1);
/// <see cref="Replaced"/> counts codes that were already current and got a new version.
/// </summary>
public sealed record ImportResult(
    int FeatureCount,
    int Imported,
    int Replaced,
    IReadOnlyList<ImportIssue> Errors,
    IReadOnlyList<ImportIssue> Warnings,
    long? DataVersion,
    bool DryRun)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>True when rows were written: the file was valid and this was not a dry run.</summary>
    public bool Committed => Succeeded && !DryRun;

    public static ImportResult Rejected(int featureCount, IReadOnlyList<ImportIssue> errors, IReadOnlyList<ImportIssue> warnings, bool dryRun) =>
        new(featureCount, 0, 0, errors, warnings, null, dryRun);
}

/// <summary>How an import validates and whether it writes.</summary>
public sealed record ImportOptions
{
    /// <summary>Validate everything, then roll back even when the file is valid.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Absolute floor of the area tolerance, in m². Boundaries digitised by hand or converted
    /// between tools disagree by slivers; below this an overhang or overlap is noise.
    /// </summary>
    public double MinToleranceSquareMetres { get; init; } = 0.5;

    /// <summary>Tolerance relative to the (smaller) grid's own area, so large grids are not held to 0.5 m².</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    public static ImportOptions Default { get; } = new();
}
