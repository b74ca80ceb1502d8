using System.Globalization;
using System.Text.RegularExpressions;
using GridMap.Data.Cases;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using Microsoft.Extensions.Localization;

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
    public static readonly (CaseStage Stage, string Key)[] All =
    [
        (CaseStage.Verification, "verification"),
        (CaseStage.Dispatch, "dispatch"),
        (CaseStage.Handling, "handling"),
        (CaseStage.Check, "check"),
    ];

    /// <summary>The resource key of a field's name ("limits.handling" → Admin_Field_limits_handling).</summary>
    public static string FieldKey(string field) => "Admin_Field_" + field.Replace('.', '_');
}

/// <summary>
/// Edits of the hazard taxonomy for the admin page and the JSON API alike: checks every field
/// of an input (all messages at once, each naming its field), then saves through
/// <see cref="TaxonomyRepository"/> as a new version with optimistic concurrency.
/// </summary>
public sealed partial class TaxonomyAdministration(
    TaxonomyRepository taxonomy, IStringLocalizer<SharedResource> localizer, ILogger<TaxonomyAdministration> logger)
{
    public TaxonomyRepository Repository => taxonomy;

    /// <summary>The texts of the request's culture, for the API's responses.</summary>
    public IStringLocalizer Localizer => localizer;

    /// <summary>Saves a sub-category edit (<paramref name="creating"/>: a new code, none may be current).</summary>
    public async Task<AdminEditResult> SaveSubcategoryAsync(SubcategoryInput input, bool creating, string changedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var code = input.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
        {
            Add(errors, "code", localizer["Admin_Error_SubcategoryCode"]);
        }

        var current = creating || errors.Count > 0 ? null : await taxonomy.GetSubcategoryAsync(code, null, cancellationToken);
        if (!creating && errors.Count == 0 && current is null)
        {
            return AdminEditResult.NotFound(localizer["Admin_Error_NoCurrentSubcategory", code]);
        }

        var categories = await taxonomy.ListCategoriesAsync(null, cancellationToken);
        var category = input.CategoryCode?.Trim() ?? "";
        if (categories.All(c => c.Code != category))
        {
            Add(errors, "categoryCode", localizer["Admin_Error_NotCurrentCategory", category]);
        }

        Require(errors, "nameZh", input.NameZh);
        Require(errors, "nameEn", input.NameEn);
        Require(errors, "filingConditionsZh", input.FilingConditionsZh);
        Require(errors, "filingConditionsEn", input.FilingConditionsEn);
        Require(errors, "closingConditionsZh", input.ClosingConditionsZh);
        Require(errors, "closingConditionsEn", input.ClosingConditionsEn);

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
            Add(errors, "severity", localizer["Admin_Error_Severity"]);
        }

        var limits = new Dictionary<CaseStage, TimeLimit>();
        foreach (var (stage, key) in StageFields.All)
        {
            var (amountText, unitText) = stage switch
            {
                CaseStage.Verification => (input.VerificationAmount, input.VerificationUnit),
                CaseStage.Dispatch => (input.DispatchAmount, input.DispatchUnit),
                CaseStage.Handling => (input.HandlingAmount, input.HandlingUnit),
                _ => (input.CheckAmount, input.CheckUnit),
            };
            if (ParseLimit(key, amountText, unitText, errors) is { } limit)
            {
                limits[stage] = limit;
            }
        }

        var departments = (input.Departments ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).ToList();
        if (departments.Count == 0)
        {
            Add(errors, "departments", localizer["Admin_Error_DepartmentsRequired"]);
        }
        else if (departments.Distinct().Count() != departments.Count)
        {
            Add(errors, "departments", localizer["Admin_Error_DepartmentTwice"]);
        }
        else
        {
            var active = (await taxonomy.ListDepartmentsAsync(false, cancellationToken)).Select(d => d.Code).ToHashSet();
            if (departments.Where(d => !active.Contains(d)).ToList() is { Count: > 0 } unknown)
            {
                Add(errors, "departments", localizer["Admin_Error_DepartmentsUnknown", string.Join(", ", unknown)]);
            }
        }

        var sortOrder = current?.SortOrder ?? 1000;
        if (!string.IsNullOrWhiteSpace(input.SortOrder) && !int.TryParse(input.SortOrder, NumberStyles.Integer, CultureInfo.InvariantCulture, out sortOrder))
        {
            Add(errors, "sortOrder", localizer["Admin_Error_SortOrder"]);
        }

        int expected = 0;
        if (!creating && !int.TryParse(input.Version, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
        {
            Add(errors, "version", localizer["Admin_Error_VersionRequired"]);
        }

        if (input.Note is { Length: > 500 })
        {
            Add(errors, "note", localizer["Admin_Error_NoteTooLong", 500]);
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
                creating ? localizer["Admin_Error_SubcategoryExists", code] : result.Errors[0], result.CurrentVersion);
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
            return AdminEditResult.NotFound(localizer["Admin_Error_NoCurrentSubcategory", code]);
        }

        if (expectedVersion is { } expected && expected != current.Version)
        {
            return AdminEditResult.Conflict(localizer["Admin_Error_ChangedMeanwhile", code, current.Version], current.Version);
        }

        var retired = await taxonomy.RetireSubcategoryAsync(code, cancellationToken);
        if (retired.ClockSkew)
        {
            return AdminEditResult.Conflict(retired.Errors[0], retired.CurrentVersion);
        }

        if (!retired.Saved)
        {
            return AdminEditResult.NotFound(localizer["Admin_Error_RetiredMeanwhile", code]);
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
            return AdminEditResult.NotFound(localizer["Admin_Error_NoCurrentCategory", code]);
        }

        var errors = new Dictionary<string, string[]>();
        Require(errors, "nameZh", nameZh);
        Require(errors, "nameEn", nameEn);
        var order = current.SortOrder;
        if (!string.IsNullOrWhiteSpace(sortOrder) && !int.TryParse(sortOrder, NumberStyles.Integer, CultureInfo.InvariantCulture, out order))
        {
            Add(errors, "sortOrder", localizer["Admin_Error_SortOrder"]);
        }

        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            Add(errors, "version", localizer["Admin_Error_VersionRequired"]);
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
            Add(errors, "code", localizer["Admin_Error_DepartmentCode"]);
        }

        Require(errors, "nameZh", nameZh);
        Require(errors, "nameEn", nameEn);
        var order = 1000;
        if (!string.IsNullOrWhiteSpace(sortOrder) && !int.TryParse(sortOrder, NumberStyles.Integer, CultureInfo.InvariantCulture, out order))
        {
            Add(errors, "sortOrder", localizer["Admin_Error_SortOrder"]);
        }

        if (errors.Count > 0)
        {
            return AdminEditResult.Invalid(errors);
        }

        return await taxonomy.AddDepartmentAsync(new Department(code, nameZh!, nameEn!, order, true), cancellationToken)
            ? AdminEditResult.Saved(null)
            : AdminEditResult.Conflict(localizer["Admin_Error_DepartmentExists", code], null);
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
            Require(errors, "nameZh", nameZh);
        }

        if (nameEn is not null)
        {
            Require(errors, "nameEn", nameEn);
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
                Add(errors, "sortOrder", localizer["Admin_Error_SortOrder"]);
            }
        }

        if (errors.Count > 0)
        {
            return AdminEditResult.Invalid(errors);
        }

        if (!await taxonomy.UpdateDepartmentAsync(code, nameZh, nameEn, order, active, url, cancellationToken))
        {
            return AdminEditResult.NotFound(localizer["Admin_Error_NoDepartment", code]);
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
    public string? CheckNotifyUrl(string url)
    {
        if (url.Length > MaxNotifyUrlLength)
        {
            return localizer["Admin_Error_NotifyUrlTooLong", MaxNotifyUrlLength];
        }

        // The database accepts http(s)://, then no white space (0009); a host is needed to post anywhere.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host) || url.Any(char.IsWhiteSpace)
            || !url.StartsWith(uri.Scheme + "://", StringComparison.Ordinal))
        {
            return localizer["Admin_Error_NotifyUrlInvalid", url.Length > 80 ? url[..80] + "…" : url];
        }

        return null;
    }

    private TimeLimit? ParseLimit(string key, string? amountText, string? unitText, Dictionary<string, string[]> errors)
    {
        var ok = true;
        var name = localizer[StageFields.FieldKey($"limits.{key}")];
        if (!TimeLimitUnits.TryFromCode(unitText?.Trim(), out var unit))
        {
            Add(errors, $"limits.{key}.unit", localizer["Admin_Error_LimitUnit", name]);
            ok = false;
        }

        if (!decimal.TryParse(amountText?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0 || amount > TimeLimit.MaxAmount || decimal.Round(amount, 2) != amount)
        {
            Add(errors, $"limits.{key}.amount",
                localizer["Admin_Error_LimitAmount", name, TimeLimit.MaxAmount, amountText ?? ""]);
            ok = false;
        }

        return ok ? new TimeLimit(amount, unit) : null;
    }

    private void Require(Dictionary<string, string[]> errors, string field, string? value)
    {
        var name = localizer[StageFields.FieldKey(field)];
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(errors, field, localizer["Admin_Error_Required", name]);
        }
        else if (value.Length > 2000)
        {
            Add(errors, field, localizer["Admin_Error_TooLong", name, 2000]);
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    [GeneratedRegex("^[a-z][a-z0-9_]{1,47}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{1,31}$")]
    private static partial Regex DepartmentCodePattern();
}
