using GridMap.Domain.Cases;

namespace GridMap.Web.Administration;

/// <summary>
/// One field that differs between a version and the one before it. Values are language-neutral
/// (codes, "2 working_days"); pages name them in the reader's language.
/// </summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>One version of a sub-category with what changed from its predecessor (nothing for the first).</summary>
public sealed record SubcategoryVersionEntry(HazardSubcategory Version, IReadOnlyList<FieldChange> Changes)
{
    /// <summary>Closed without a successor: the sub-category was retired at <see cref="HazardSubcategory.ValidTo"/>.</summary>
    public bool RetiredHere { get; init; }
}

/// <summary>Compares consecutive versions of a sub-category field by field.</summary>
public static class SubcategoryHistory
{
    public static IReadOnlyList<SubcategoryVersionEntry> Build(IReadOnlyList<HazardSubcategory> versions)
    {
        var ordered = versions.OrderBy(v => v.Version).ToList();
        var entries = new List<SubcategoryVersionEntry>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var changes = i == 0 ? [] : Diff(ordered[i - 1], ordered[i]);
            var next = i + 1 < ordered.Count ? ordered[i + 1] : null;
            var retired = ordered[i].ValidTo is { } to && (next is null || next.ValidFrom > to);
            entries.Add(new SubcategoryVersionEntry(ordered[i], changes) { RetiredHere = retired });
        }

        return entries;
    }

    public static IReadOnlyList<FieldChange> Diff(HazardSubcategory before, HazardSubcategory after)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string a, string b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, a, b));
            }
        }

        Compare("categoryCode", before.CategoryCode, after.CategoryCode);
        Compare("nameZh", before.NameZh, after.NameZh);
        Compare("nameEn", before.NameEn, after.NameEn);
        Compare("severity", before.Severity.ToCode(), after.Severity.ToCode());
        foreach (var (stage, key) in StageFields.All)
        {
            Compare($"limits.{key}", before.Limits.For(stage).ToString(), after.Limits.For(stage).ToString());
        }

        Compare("departments", string.Join(", ", before.Departments), string.Join(", ", after.Departments));
        Compare("filingConditionsZh", before.FilingConditionsZh, after.FilingConditionsZh);
        Compare("filingConditionsEn", before.FilingConditionsEn, after.FilingConditionsEn);
        Compare("closingConditionsZh", before.ClosingConditionsZh, after.ClosingConditionsZh);
        Compare("closingConditionsEn", before.ClosingConditionsEn, after.ClosingConditionsEn);
        Compare("sortOrder", before.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture), after.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return changes;
    }
}
