using System.Globalization;
using System.Text.RegularExpressions;
using GridMap.Data.Cases;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;

namespace GridMap.Web.Administration;

/// <summary>
/// An administrator's sub-category as typed: every field text, so a bad value reaches the
/// validator (and the message naming it) instead of failing model binding. The same shape backs
/// the page's form and, flattened, the JSON API.
/// </summary>
public sealed class SubcategoryInput
{
    public string? Code { get; set; }

    public string? CategoryCode { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public string? FilingConditionsZh { get; set; }

    public string? FilingConditionsEn { get; set; }

    public string? ClosingConditionsZh { get; set; }

    public string? ClosingConditionsEn { get; set; }

    public string? Severity { get; set; }

    public string? VerificationAmount { get; set; }

    public string? VerificationUnit { get; set; }

    public string? DispatchAmount { get; set; }

    public string? DispatchUnit { get; set; }

    public string? HandlingAmount { get; set; }

    public string? HandlingUnit { get; set; }

    public string? CheckAmount { get; set; }

    public string? CheckUnit { get; set; }

    public List<string>? Departments { get; set; }

    public string? SortOrder { get; set; }

    /// <summary>The version edited (0 or empty for a new sub-category).</summary>
    public string? Version { get; set; }

    public string? Note { get; set; }

    public static SubcategoryInput From(HazardSubcategory s) => new()
    {
        Code = s.Code,
        CategoryCode = s.CategoryCode,
        NameZh = s.NameZh,
        NameEn = s.NameEn,
        FilingConditionsZh = s.FilingConditionsZh,
        FilingConditionsEn = s.FilingConditionsEn,
        ClosingConditionsZh = s.ClosingConditionsZh,
        ClosingConditionsEn = s.ClosingConditionsEn,
        Severity = s.Severity.ToCode(),
        VerificationAmount = Amount(s.Limits.Verification),
        VerificationUnit = s.Limits.Verification.Unit.ToCode(),
        DispatchAmount = Amount(s.Limits.Dispatch),
        DispatchUnit = s.Limits.Dispatch.Unit.ToCode(),
        HandlingAmount = Amount(s.Limits.Handling),
        HandlingUnit = s.Limits.Handling.Unit.ToCode(),
        CheckAmount = Amount(s.Limits.Check),
        CheckUnit = s.Limits.Check.Unit.ToCode(),
        Departments = [.. s.Departments],
        SortOrder = s.SortOrder.ToString(CultureInfo.InvariantCulture),
        Version = s.Version.ToString(CultureInfo.InvariantCulture),
    };

    private static string Amount(TimeLimit limit) => limit.Amount.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// The outcome of an administrator's edit. <see cref="Errors"/> maps the field at fault (the
/// JSON API's name: <c>nameZh</c>, <c>limits.handling.amount</c> …) to its message; nothing is
/// written when there are any.
/// </summary>
public sealed record AdminEditResult(AdminEditOutcome Outcome, int? Version, IReadOnlyDictionary<string, string[]> Errors)
{
    public static AdminEditResult Saved(int? version) => new(AdminEditOutcome.Saved, version, new Dictionary<string, string[]>());

    public static AdminEditResult Invalid(Dictionary<string, string[]> errors) => new(AdminEditOutcome.Invalid, null, errors);

    public static AdminEditResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static AdminEditResult NotFound(string message) => new(AdminEditOutcome.NotFound, null, new Dictionary<string, string[]> { ["code"] = [message] });

    public static AdminEditResult Conflict(string message, int? current) =>
        new(AdminEditOutcome.Conflict, current, new Dictionary<string, string[]> { ["version"] = [message] });

    public bool Succeeded => Outcome == AdminEditOutcome.Saved;
}

public enum AdminEditOutcome
{
    Saved,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>The four timed stages as the API and the form name them.</summary>
public static class StageFields
{
    public static readonly (CaseStage Stage, string Key, string NameZh, string NameEn)[] All =
    [
        (CaseStage.Verification, "verification", "核实时限", "Verification limit"),
        (CaseStage.Dispatch, "dispatch", "派遣时限", "Dispatch limit"),
        (CaseStage.Handling, "handling", "处置时限", "Handling limit"),
        (CaseStage.Check, "check", "核查时限", "Check limit"),
    ];
}

/// <summary>
/// Edits of the hazard taxonomy for the admin page and the JSON API alike: checks every field
/// of an input (all messages at once, each naming its field), then saves through
/// <see cref="TaxonomyRepository"/> as a new version with optimistic concurrency.
/// </summary>
public sealed partial class TaxonomyAdministration(TaxonomyRepository taxonomy, ILogger<TaxonomyAdministration> logger)
{
    public TaxonomyRepository Repository => taxonomy;

    /// <summary>Saves a sub-category edit (<paramref name="creating"/>: a new code, none may be current).</summary>
    public async Task<AdminEditResult> SaveSubcategoryAsync(SubcategoryInput input, bool creating, string changedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var code = input.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
        {
            Add(errors, "code", "代码须为小写字母开头，仅含小写字母、数字、下划线，2–48 个字符 / the code must be 2-48 lower-case letters, digits or underscores, starting with a letter");
        }

        var current = creating || errors.Count > 0 ? null : await taxonomy.GetSubcategoryAsync(code, null, cancellationToken);
        if (!creating && errors.Count == 0 && current is null)
        {
            return AdminEditResult.NotFound($"没有现行的小类 '{code}' / there is no current sub-category '{code}'");
        }

        var categories = await taxonomy.ListCategoriesAsync(null, cancellationToken);
        var category = input.CategoryCode?.Trim() ?? "";
        if (categories.All(c => c.Code != category))
        {
            Add(errors, "categoryCode", $"'{category}' 不是现行大类 / is not a current category");
        }

        Require(errors, "nameZh", input.NameZh, "中文名称", "Chinese name");
        Require(errors, "nameEn", input.NameEn, "英文名称", "English name");
        Require(errors, "filingConditionsZh", input.FilingConditionsZh, "立案条件（中文）", "filing conditions (Chinese)");
        Require(errors, "filingConditionsEn", input.FilingConditionsEn, "立案条件（英文）", "filing conditions (English)");
        Require(errors, "closingConditionsZh", input.ClosingConditionsZh, "结案条件（中文）", "closing conditions (Chinese)");
        Require(errors, "closingConditionsEn", input.ClosingConditionsEn, "结案条件（英文）", "closing conditions (English)");

        var severity = input.Severity?.Trim() switch
        {
            "low" => Severity.Low,
            "medium" => Severity.Medium,
            "high" => Severity.High,
            "critical" => Severity.Critical,
            _ => (Severity?)null,
        };
        if (severity is null)
        {
            Add(errors, "severity", "严重程度须为 low、medium、high、critical 之一 / severity must be one of low, medium, high, critical");
        }

        var limits = new Dictionary<CaseStage, TimeLimit>();
        foreach (var (stage, key, nameZh, nameEn) in StageFields.All)
        {
            var (amountText, unitText) = stage switch
            {
                CaseStage.Verification => (input.VerificationAmount, input.VerificationUnit),
                CaseStage.Dispatch => (input.DispatchAmount, input.DispatchUnit),
                CaseStage.Handling => (input.HandlingAmount, input.HandlingUnit),
                _ => (input.CheckAmount, input.CheckUnit),
            };
            if (ParseLimit(key, nameZh, nameEn, amountText, unitText, errors) is { } limit)
            {
                limits[stage] = limit;
            }
        }

        var departments = (input.Departments ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).ToList();
        if (departments.Count == 0)
        {
            Add(errors, "departments", "至少选择一个责任部门 / at least one responsible department is needed");
        }
        else if (departments.Distinct().Count() != departments.Count)
        {
            Add(errors, "departments", "同一部门列了两次 / a department is listed twice");
        }
        else
        {
            var active = (await taxonomy.ListDepartmentsAsync(false, cancellationToken)).Select(d => d.Code).ToHashSet();
            if (departments.Where(d => !active.Contains(d)).ToList() is { Count: > 0 } unknown)
            {
                Add(errors, "departments", $"未知或已停用的部门 / unknown or retired department(s): {string.Join(", ", unknown)}");
            }
        }

        var sortOrder = current?.SortOrder ?? 1000;
        if (!string.IsNullOrWhiteSpace(input.SortOrder) && !int.TryParse(input.SortOrder, NumberStyles.Integer, CultureInfo.InvariantCulture, out sortOrder))
        {
            Add(errors, "sortOrder", "排序须为整数 / the sort order must be a whole number");
        }

        int expected = 0;
        if (!creating && !int.TryParse(input.Version, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
        {
            Add(errors, "version", "须提供所编辑的版本号 / the version edited is required (optimistic concurrency)");
        }

        if (input.Note is { Length: > 500 })
        {
            Add(errors, "note", "修改说明最多 500 字 / the note has at most 500 characters");
        }

        if (errors.Count > 0)
        {
            return AdminEditResult.Invalid(errors);
        }

        var edit = new HazardSubcategory
        {
            Code = code,
            CategoryCode = category,
            NameZh = input.NameZh!.Trim(),
            NameEn = input.NameEn!.Trim(),
            FilingConditionsZh = input.FilingConditionsZh!.Trim(),
            FilingConditionsEn = input.FilingConditionsEn!.Trim(),
            ClosingConditionsZh = input.ClosingConditionsZh!.Trim(),
            ClosingConditionsEn = input.ClosingConditionsEn!.Trim(),
            Severity = severity!.Value,
            Departments = departments,
            Limits = new StageLimits(limits[CaseStage.Verification], limits[CaseStage.Dispatch], limits[CaseStage.Handling], limits[CaseStage.Check]),
            SortOrder = sortOrder,
        };
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        var result = await taxonomy.ReviseSubcategoryAsync(edit, changedBy, note, creating ? 0 : expected, cancellationToken);
        if (result.Conflict)
        {
            return AdminEditResult.Conflict(
                creating ? $"小类代码 '{code}' 已存在 / sub-category '{code}' exists already" : result.Errors[0], result.CurrentVersion);
        }

        if (!result.Saved)
        {
            return AdminEditResult.Invalid(new Dictionary<string, string[]> { [""] = [.. result.Errors] });
        }

        logger.LogInformation("Sub-category {Code} saved as version {Version} by {ChangedBy}", code, result.Version, changedBy);
        return AdminEditResult.Saved(result.Version);
    }

    /// <summary>Retires the current version (no successor): no new case can be filed under it.</summary>
    public async Task<AdminEditResult> RetireSubcategoryAsync(string code, int? expectedVersion, string changedBy, CancellationToken cancellationToken)
    {
        var current = await taxonomy.GetSubcategoryAsync(code, null, cancellationToken);
        if (current is null)
        {
            return AdminEditResult.NotFound($"没有现行的小类 '{code}' / there is no current sub-category '{code}'");
        }

        if (expectedVersion is { } expected && expected != current.Version)
        {
            return AdminEditResult.Conflict($"'{code}' is at version {current.Version} now: reload it", current.Version);
        }

        var retired = await taxonomy.RetireSubcategoryAsync(code, cancellationToken);
        if (retired.ClockSkew)
        {
            return AdminEditResult.Conflict(retired.Errors[0], retired.CurrentVersion);
        }

        if (!retired.Saved)
        {
            return AdminEditResult.NotFound($"'{code}' was retired meanwhile");
        }

        logger.LogInformation("Sub-category {Code} version {Version} retired by {ChangedBy}", code, current.Version, changedBy);
        return AdminEditResult.Saved(current.Version);
    }

    /// <summary>Saves a category edit as its next version.</summary>
    public async Task<AdminEditResult> SaveCategoryAsync(
        string code, string? nameZh, string? nameEn, bool? rentalHazard, string? sortOrder, string? version, string? note, string changedBy,
        CancellationToken cancellationToken)
    {
        var current = (await taxonomy.ListCategoriesAsync(null, cancellationToken)).FirstOrDefault(c => c.Code == code);
        if (current is null)
        {
            return AdminEditResult.NotFound($"没有现行的大类 '{code}' / there is no current category '{code}'");
        }

        var errors = new Dictionary<string, string[]>();
        Require(errors, "nameZh", nameZh, "中文名称", "Chinese name");
        Require(errors, "nameEn", nameEn, "英文名称", "English name");
        var order = current.SortOrder;
        if (!string.IsNullOrWhiteSpace(sortOrder) && !int.TryParse(sortOrder, NumberStyles.Integer, CultureInfo.InvariantCulture, out order))
        {
            Add(errors, "sortOrder", "排序须为整数 / the sort order must be a whole number");
        }

        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            Add(errors, "version", "须提供所编辑的版本号 / the version edited is required (optimistic concurrency)");
        }

        if (errors.Count > 0)
        {
            return AdminEditResult.Invalid(errors);
        }

        var result = await taxonomy.ReviseCategoryAsync(
            code, nameZh!, nameEn!, rentalHazard ?? current.RentalHazard, order, changedBy,
            string.IsNullOrWhiteSpace(note) ? null : note.Trim(), expected, cancellationToken);
        if (result.Conflict)
        {
            return AdminEditResult.Conflict(result.Errors[0], result.CurrentVersion);
        }

        return result.Saved
            ? AdminEditResult.Saved(result.Version)
            : AdminEditResult.Invalid(new Dictionary<string, string[]> { [""] = [.. result.Errors] });
    }

    public async Task<AdminEditResult> AddDepartmentAsync(string? code, string? nameZh, string? nameEn, string? sortOrder, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        code = code?.Trim() ?? "";
        if (!DepartmentCodePattern().IsMatch(code))
        {
            Add(errors, "code", "部门代码须为小写字母开头，仅含小写字母、数字、下划线，2–32 个字符 / a department code is 2-32 lower-case letters, digits or underscores, starting with a letter");
        }

        Require(errors, "nameZh", nameZh, "中文名称", "Chinese name");
        Require(errors, "nameEn", nameEn, "英文名称", "English name");
        var order = 1000;
        if (!string.IsNullOrWhiteSpace(sortOrder) && !int.TryParse(sortOrder, NumberStyles.Integer, CultureInfo.InvariantCulture, out order))
        {
            Add(errors, "sortOrder", "排序须为整数 / the sort order must be a whole number");
        }

        if (errors.Count > 0)
        {
            return AdminEditResult.Invalid(errors);
        }

        return await taxonomy.AddDepartmentAsync(new Department(code, nameZh!, nameEn!, order, true), cancellationToken)
            ? AdminEditResult.Saved(null)
            : AdminEditResult.Conflict($"部门代码 '{code}' 已存在 / department '{code}' exists already", null);
    }

    /// <summary>
    /// Renames, reorders, retires or restores a department and sets where it takes notifications
    /// (<paramref name="notifyUrl"/>: null keeps it, empty clears it so the department reads its
    /// console inbox). Null arguments leave their field as it is.
    /// </summary>
    public async Task<AdminEditResult> UpdateDepartmentAsync(
        string code, string? nameZh, string? nameEn, string? sortOrder, bool? active, string? notifyUrl, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var url = notifyUrl?.Trim();
        if (url is { Length: > 0 } && CheckNotifyUrl(url) is { } problem)
        {
            Add(errors, "notifyUrl", problem);
        }

        if (nameZh is not null)
        {
            Require(errors, "nameZh", nameZh, "中文名称", "Chinese name");
        }

        if (nameEn is not null)
        {
            Require(errors, "nameEn", nameEn, "英文名称", "English name");
        }

        int? order = null;
        if (!string.IsNullOrWhiteSpace(sortOrder))
        {
            if (int.TryParse(sortOrder, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                order = parsed;
            }
            else
            {
                Add(errors, "sortOrder", "排序须为整数 / the sort order must be a whole number");
            }
        }

        if (errors.Count > 0)
        {
            return AdminEditResult.Invalid(errors);
        }

        if (!await taxonomy.UpdateDepartmentAsync(code, nameZh, nameEn, order, active, url, cancellationToken))
        {
            return AdminEditResult.NotFound($"没有部门 '{code}' / there is no department '{code}'");
        }

        if (url is not null)
        {
            // The URL may carry a receiver's token in its query: log only where it points.
            logger.LogInformation("Department {Code} now takes notifications {Where}", code,
                url.Length == 0 ? "in its console inbox" : $"at {new Uri(url).GetLeftPart(UriPartial.Path)}");
        }

        return AdminEditResult.Saved(null);
    }

    /// <summary>The most a notification URL may have (the page's field and the API alike).</summary>
    public const int MaxNotifyUrlLength = 500;

    /// <summary>Why a department's notification URL cannot be used (null: it can): an absolute http(s) URL, at most 500 characters.</summary>
    public static string? CheckNotifyUrl(string url)
    {
        if (url.Length > MaxNotifyUrlLength)
        {
            return $"通知地址最多 {MaxNotifyUrlLength} 个字符 / the notification URL has at most {MaxNotifyUrlLength} characters";
        }

        // The database accepts http(s)://, then no white space (0009); a host is needed to post anywhere.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host) || url.Any(char.IsWhiteSpace)
            || !url.StartsWith(uri.Scheme + "://", StringComparison.Ordinal))
        {
            return $"通知地址须为以 http:// 或 https:// 开头的完整网址（留空则使用控制台收件箱） / the notification URL must be an absolute http:// or https:// URL (leave it empty for the console inbox), not '{(url.Length > 80 ? url[..80] + "…" : url)}'";
        }

        return null;
    }

    private static TimeLimit? ParseLimit(
        string key, string nameZh, string nameEn, string? amountText, string? unitText, Dictionary<string, string[]> errors)
    {
        var ok = true;
        if (!TimeLimitUnits.TryFromCode(unitText?.Trim(), out var unit))
        {
            Add(errors, $"limits.{key}.unit", $"{nameZh}的单位须为 紧急工作时、工作时、工作日 之一 / the {nameEn.ToLowerInvariant()} unit must be emergency_hours, working_hours or working_days");
            ok = false;
        }

        if (!decimal.TryParse(amountText?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0 || amount > TimeLimit.MaxAmount || decimal.Round(amount, 2) != amount)
        {
            Add(errors, $"limits.{key}.amount",
                $"{nameZh}须为大于 0、不超过 {TimeLimit.MaxAmount} 且最多两位小数的数 / the {nameEn.ToLowerInvariant()} must be a number above 0, at most {TimeLimit.MaxAmount}, with at most two decimals (got '{amountText}')");
            ok = false;
        }

        return ok ? new TimeLimit(amount, unit) : null;
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, string whatZh, string whatEn)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(errors, field, $"{whatZh}不能为空 / the {whatEn} is required");
        }
        else if (value.Length > 2000)
        {
            Add(errors, field, $"{whatZh}最多 2000 字 / the {whatEn} has at most 2,000 characters");
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    [GeneratedRegex("^[a-z][a-z0-9_]{1,47}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{1,31}$")]
    private static partial Regex DepartmentCodePattern();
}
