using System.Text.RegularExpressions;

namespace GridMap.Domain.Cases;

/// <summary>A department that can be responsible for a hazard (消防, 派出所, 住建 …).</summary>
public sealed record Department(string Code, string NameZh, string NameEn, int SortOrder, bool Active);

/// <summary>
/// A hazard category (大类). <see cref="RentalHazard"/> marks the categories of the rental-house
/// inspections (八查), whose cases count in the rectification rate.
/// </summary>
public sealed record HazardCategory(
    string Code,
    string NameZh,
    string NameEn,
    bool RentalHazard,
    int SortOrder,
    int Version,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo);

/// <summary>
/// A sub-category (小类) as one version of it: names, filing conditions (立案条件), closing
/// conditions (结案条件), default severity, responsible departments and the time limit of each
/// stage. <see cref="Id"/> names this version; a case keeps the id it was filed under.
/// </summary>
public sealed record HazardSubcategory
{
    public long Id { get; init; }

    public required string Code { get; init; }

    public required string CategoryCode { get; init; }

    public required string NameZh { get; init; }

    public required string NameEn { get; init; }

    public required string FilingConditionsZh { get; init; }

    public required string FilingConditionsEn { get; init; }

    public required string ClosingConditionsZh { get; init; }

    public required string ClosingConditionsEn { get; init; }

    public required Severity Severity { get; init; }

    public required IReadOnlyList<string> Departments { get; init; }

    public required StageLimits Limits { get; init; }

    public int SortOrder { get; init; }

    public int Version { get; init; } = 1;

    public DateTimeOffset ValidFrom { get; init; }

    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>Who saved this version ("seed" for the default set); set by the store.</summary>
    public string? ChangedBy { get; init; }

    /// <summary>The editor's reason for this version, if given.</summary>
    public string? ChangeNote { get; init; }

    public bool IsCurrent => ValidTo is null;
}

/// <summary>Checks an administrator's edit of the taxonomy before it becomes a new version.</summary>
public static partial class TaxonomyRules
{
    /// <summary>Whether <paramref name="code"/> has the shape of a category or sub-category code.</summary>
    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    public static IReadOnlyList<string> Validate(HazardSubcategory subcategory)
    {
        var errors = new List<string>();
        if (!CodePattern().IsMatch(subcategory.Code))
        {
            errors.Add($"'{subcategory.Code}' is not a sub-category code (lower-case letters, digits, underscores; 2-48 characters)");
        }

        if (!CodePattern().IsMatch(subcategory.CategoryCode))
        {
            errors.Add($"'{subcategory.CategoryCode}' is not a category code");
        }

        Require(errors, subcategory.NameZh, "Chinese name");
        Require(errors, subcategory.NameEn, "English name");
        Require(errors, subcategory.FilingConditionsZh, "filing conditions (zh)");
        Require(errors, subcategory.FilingConditionsEn, "filing conditions (en)");
        Require(errors, subcategory.ClosingConditionsZh, "closing conditions (zh)");
        Require(errors, subcategory.ClosingConditionsEn, "closing conditions (en)");
        if (!Enum.IsDefined(subcategory.Severity))
        {
            errors.Add("unknown severity");
        }

        if (subcategory.Departments.Count == 0)
        {
            errors.Add("at least one responsible department is needed");
        }

        if (subcategory.Departments.Distinct().Count() != subcategory.Departments.Count)
        {
            errors.Add("a department is listed twice");
        }

        foreach (var stage in Enum.GetValues<CaseStage>())
        {
            var limit = subcategory.Limits.For(stage);
            if (Calendar.TimeLimit.Validate(limit.Amount, limit.Unit) is { } error)
            {
                errors.Add($"{stage.ToCode()} limit: {error}");
            }
        }

        return errors;
    }

    private static void Require(List<string> errors, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"the {what} is empty");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,47}$")]
    private static partial Regex CodePattern();
}
