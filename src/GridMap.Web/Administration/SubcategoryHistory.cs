using GridMap.Domain.Cases;

namespace GridMap.Web.Administration;

/// <summary>One field that differs between a version and the one before it.</summary>
public sealed record FieldChange(string Field, string LabelZh, string LabelEn, string Before, string After);

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
        void Compare(string field, string zh, string en, string a, string b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, zh, en, a, b));
            }
        }

        Compare("categoryCode", "大类", "Category", before.CategoryCode, after.CategoryCode);
        Compare("nameZh", "中文名称", "Chinese name", before.NameZh, after.NameZh);
        Compare("nameEn", "英文名称", "English name", before.NameEn, after.NameEn);
        Compare("severity", "严重程度", "Severity", SeverityText(before.Severity), SeverityText(after.Severity));
        foreach (var (stage, key, zh, en) in StageFields.All)
        {
            Compare($"limits.{key}", zh, en, LimitText(before.Limits.For(stage)), LimitText(after.Limits.For(stage)));
        }

        Compare("departments", "责任部门", "Departments", string.Join(", ", before.Departments), string.Join(", ", after.Departments));
        Compare("filingConditionsZh", "立案条件（中文）", "Filing conditions (zh)", before.FilingConditionsZh, after.FilingConditionsZh);
        Compare("filingConditionsEn", "立案条件（英文）", "Filing conditions (en)", before.FilingConditionsEn, after.FilingConditionsEn);
        Compare("closingConditionsZh", "结案条件（中文）", "Closing conditions (zh)", before.ClosingConditionsZh, after.ClosingConditionsZh);
        Compare("closingConditionsEn", "结案条件（英文）", "Closing conditions (en)", before.ClosingConditionsEn, after.ClosingConditionsEn);
        Compare("sortOrder", "排序", "Sort order", before.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture), after.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return changes;
    }

    /// <summary>"2 工作日 (working_days)": both the filing standard's word and the code.</summary>
    public static string LimitText(Domain.Calendar.TimeLimit limit) => $"{limit.ToChinese()} ({limit})";

    public static string SeverityText(Severity severity) => $"{severity.NameZh()} ({severity.ToCode()})";
}

/// <summary>Administration messages are written "中文 / English"; the page shows the half of the UI's language.</summary>
public static class AdminText
{
    public static string Pick(string message)
    {
        var split = message.IndexOf(" / ", StringComparison.Ordinal);
        return split < 0 ? message : Components.UiCulture.Pick(message[..split], message[(split + 3)..]);
    }
}
