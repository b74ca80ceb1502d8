using System.Globalization;
using System.Text.RegularExpressions;
using GridMap.Data.Rectification;

namespace GridMap.Web.Administration;

/// <summary>
/// An administrator's edit of a sub-category's legal basis and requirements, as typed (every field
/// text, so a bad version reaches the validator and its message). Backs the page's form and the API.
/// </summary>
public sealed class RectificationBasisInput
{
    /// <summary>The sub-category of a new basis (an edit names it in its address instead).</summary>
    public string? SubcategoryCode { get; set; }

    public string? BasisZh { get; set; }

    public string? BasisEn { get; set; }

    public string? RequirementsZh { get; set; }

    public string? RequirementsEn { get; set; }

    public string? Note { get; set; }

    /// <summary>The version edited (optimistic concurrency).</summary>
    public string? Version { get; set; }

    public static RectificationBasisInput From(RectificationBasis basis) => new()
    {
        BasisZh = basis.Text.BasisZh,
        BasisEn = basis.Text.BasisEn,
        RequirementsZh = basis.Text.RequirementsZh,
        RequirementsEn = basis.Text.RequirementsEn,
        Version = basis.Version.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>An administrator's street office as typed: a new one (with its code) or an edit (with the version edited).</summary>
public sealed class StreetOfficeInput
{
    public string? StreetCode { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public string? ShortZh { get; set; }

    public string? Note { get; set; }

    public string? Version { get; set; }

    public static StreetOfficeInput From(StreetOffice office) => new()
    {
        StreetCode = office.StreetCode,
        NameZh = office.Text.NameZh,
        NameEn = office.Text.NameEn,
        ShortZh = office.Text.ShortZh,
        Version = office.Version.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Edits of what rectification notices print, for the admin page and the JSON API alike: checks
/// every field (all messages at once, each naming its field in Chinese and English), then saves
/// through <see cref="RectificationReferenceRepository"/>, version-checked and with a history row
/// in the same transaction. Notices already issued keep the texts they were issued with.
/// </summary>
public sealed partial class RectificationAdministration(RectificationReferenceRepository repository, ILogger<RectificationAdministration> logger)
{
    /// <summary>The longest basis or requirements text: what a notice's requirements may hold (0008).</summary>
    public const int MaxTextLength = 2000;

    public const int MaxOfficeNameLength = 200;

    /// <summary>The short name goes into every notice number (小金口街整改〔2026〕第0001号).</summary>
    public const int MaxShortNameLength = 20;

    public const int MaxNoteLength = 500;

    public RectificationReferenceRepository Repository => repository;

    /// <summary>Saves a new text of a sub-category's basis and requirements.</summary>
    public async Task<AdminEditResult> SaveBasisAsync(
        string subcategoryCode, RectificationBasisInput input, string changedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckBasisTexts(errors, input);
        var expected = CheckCommon(errors, input.Note, input.Version);
        if (errors.Count > 0)
        {
            return AdminEditResult.Invalid(errors);
        }

        var result = await repository.UpdateBasisAsync(subcategoryCode, BasisText(input), expected, changedBy, Note(input.Note), cancellationToken);
        switch (result.Outcome)
        {
            case ReferenceEditOutcome.NotFound:
                return AdminEditResult.NotFound($"小类 '{subcategoryCode}' 没有整改依据 / there is no rectification basis for sub-category '{subcategoryCode}'");
            case ReferenceEditOutcome.Stale:
                return AdminEditResult.Conflict(
                    $"'{subcategoryCode}' 的依据已被他人修改，现为第 {result.Version} 版：请重新打开后再改 / the basis of '{subcategoryCode}' was changed meanwhile and is at version {result.Version} now: reload it and edit again",
                    result.Version);
            case ReferenceEditOutcome.Unchanged:
                return AdminEditResult.Invalid("", "没有任何修改 / nothing was changed");
        }

        logger.LogInformation("Rectification basis {Subcategory} saved as version {Version} by {ChangedBy}", subcategoryCode, result.Version, changedBy);
        return AdminEditResult.Saved(result.Version);
    }

    /// <summary>
    /// Adds the basis of a current rental-hazard sub-category that has none (a new sub-category
    /// added at /admin/taxonomy), so that notices can be issued for its cases.
    /// </summary>
    public async Task<AdminEditResult> AddBasisAsync(RectificationBasisInput input, string changedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var code = input.SubcategoryCode?.Trim() ?? "";
        if (code.Length == 0)
        {
            Add(errors, "subcategoryCode", "小类代码不能为空 / the sub-category code is required");
        }
        else if (await repository.FindBasisSubcategoryAsync(code, cancellationToken) is not { } subcategory)
        {
            Add(errors, "subcategoryCode", NotCurrent(code));
        }
        else if (!subcategory.RentalHazard)
        {
            Add(errors, "subcategoryCode",
                $"小类 “{subcategory.SubcategoryZh}”（{code}）所属大类 “{subcategory.CategoryZh}” 不是出租屋隐患大类，不签发整改通知书 / sub-category '{code}' is in category '{subcategory.CategoryCode}' ({subcategory.CategoryEn}), which is not a rental-house hazard category: no rectification notice is issued for it");
        }

        CheckBasisTexts(errors, input);
        if (input.Note is { Length: > MaxNoteLength })
        {
            Add(errors, "note", $"修改说明最多 {MaxNoteLength} 字 / the note has at most {MaxNoteLength} characters");
        }

        if (errors.Count > 0)
        {
            return AdminEditResult.Invalid(errors);
        }

        var result = await repository.AddBasisAsync(code, BasisText(input), changedBy, Note(input.Note), cancellationToken);
        switch (result.Outcome)
        {
            case ReferenceEditOutcome.Exists:
                return new AdminEditResult(AdminEditOutcome.Conflict, result.Version, new Dictionary<string, string[]>
                {
                    ["subcategoryCode"] = [$"小类 {code} 已有整改依据，请编辑它 / sub-category '{code}' has a rectification basis already: edit it instead"],
                });
            case ReferenceEditOutcome.NotFound:
                // Retired (or its category turned non-rental) between the check above and the insert.
                return AdminEditResult.Invalid("subcategoryCode", NotCurrent(code));
        }

        logger.LogInformation("Rectification basis {Subcategory} added by {ChangedBy}", code, changedBy);
        return AdminEditResult.Saved(result.Version);
    }

    private static string NotCurrent(string code) =>
        $"“{code}” 不是现行的出租屋隐患小类 / '{code}' is not a current sub-category of a rental-house hazard category";

    /// <summary>Adds the issuing office of a street that has none.</summary>
    public async Task<AdminEditResult> AddStreetOfficeAsync(StreetOfficeInput input, string changedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var code = input.StreetCode?.Trim() ?? "";
        if (!StreetCodePattern().IsMatch(code))
        {
            Add(errors, "streetCode", $"街道代码须为 9 位数字（网格编码的前 9 位） / the street code must be 9 digits (the first nine of a grid code), got '{input.StreetCode}'");
        }

        CheckOffice(errors, input);
        if (input.Note is { Length: > MaxNoteLength })
        {
            Add(errors, "note", $"修改说明最多 {MaxNoteLength} 字 / the note has at most {MaxNoteLength} characters");
        }

        if (errors.Count > 0)
        {
            return AdminEditResult.Invalid(errors);
        }

        var result = await repository.AddStreetOfficeAsync(code, OfficeText(input), changedBy, Note(input.Note), cancellationToken);
        if (result.Outcome == ReferenceEditOutcome.Exists)
        {
            return new AdminEditResult(AdminEditOutcome.Conflict, result.Version, new Dictionary<string, string[]>
            {
                ["streetCode"] = [$"街道 {code} 已有办事处，请编辑它 / street {code} has an office already: edit it instead"],
            });
        }

        logger.LogInformation("Street office {StreetCode} added by {ChangedBy}", code, changedBy);
        return AdminEditResult.Saved(result.Version);
    }

    /// <summary>Saves new texts of an office.</summary>
    public async Task<AdminEditResult> SaveStreetOfficeAsync(
        string streetCode, StreetOfficeInput input, string changedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckOffice(errors, input);
        var expected = CheckCommon(errors, input.Note, input.Version);
        if (errors.Count > 0)
        {
            return AdminEditResult.Invalid(errors);
        }

        var result = await repository.UpdateStreetOfficeAsync(streetCode, OfficeText(input), expected, changedBy, Note(input.Note), cancellationToken);
        switch (result.Outcome)
        {
            case ReferenceEditOutcome.NotFound:
                return AdminEditResult.NotFound($"街道 '{streetCode}' 没有办事处 / there is no street office '{streetCode}'");
            case ReferenceEditOutcome.Stale:
                return AdminEditResult.Conflict(
                    $"街道办事处 {streetCode} 已被他人修改，现为第 {result.Version} 版：请重新打开后再改 / street office {streetCode} was changed meanwhile and is at version {result.Version} now: reload it and edit again",
                    result.Version);
            case ReferenceEditOutcome.Unchanged:
                return AdminEditResult.Invalid("", "没有任何修改 / nothing was changed");
        }

        logger.LogInformation("Street office {StreetCode} saved as version {Version} by {ChangedBy}", streetCode, result.Version, changedBy);
        return AdminEditResult.Saved(result.Version);
    }

    public static bool IsStreetCode(string? code) => code is not null && StreetCodePattern().IsMatch(code);

    private static RectificationBasisText BasisText(RectificationBasisInput input) =>
        new(input.BasisZh!.Trim(), input.BasisEn!.Trim(), input.RequirementsZh!.Trim(), input.RequirementsEn!.Trim());

    private static void CheckBasisTexts(Dictionary<string, string[]> errors, RectificationBasisInput input)
    {
        Require(errors, "basisZh", input.BasisZh, MaxTextLength, "法律依据（中文）", "legal basis (Chinese)");
        Require(errors, "basisEn", input.BasisEn, MaxTextLength, "法律依据（英文）", "legal basis (English)");
        Require(errors, "requirementsZh", input.RequirementsZh, MaxTextLength, "整改要求（中文）", "rectification requirements (Chinese)");
        Require(errors, "requirementsEn", input.RequirementsEn, MaxTextLength, "整改要求（英文）", "rectification requirements (English)");
    }

    private static StreetOfficeText OfficeText(StreetOfficeInput input) => new(input.NameZh!.Trim(), input.NameEn!.Trim(), input.ShortZh!.Trim());

    private static void CheckOffice(Dictionary<string, string[]> errors, StreetOfficeInput input)
    {
        Require(errors, "nameZh", input.NameZh, MaxOfficeNameLength, "办事处名称（中文）", "office name (Chinese)");
        Require(errors, "nameEn", input.NameEn, MaxOfficeNameLength, "办事处名称（英文）", "office name (English)");
        Require(errors, "shortZh", input.ShortZh, MaxShortNameLength, "文号简称", "short name in the notice number");
    }

    private static int CheckCommon(Dictionary<string, string[]> errors, string? note, string? version)
    {
        if (note is { Length: > MaxNoteLength })
        {
            Add(errors, "note", $"修改说明最多 {MaxNoteLength} 字 / the note has at most {MaxNoteLength} characters");
        }

        if (!int.TryParse(version?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var expected) || expected < 1)
        {
            Add(errors, "version", "须提供所编辑的版本号 / the version edited is required (optimistic concurrency)");
        }

        return expected;
    }

    private static string? Note(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, int max, string whatZh, string whatEn)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(errors, field, $"{whatZh}不能为空 / the {whatEn} is required");
        }
        else if (value.Trim().Length > max)
        {
            Add(errors, field, $"{whatZh}最多 {max} 字（现有 {value.Trim().Length} 字） / the {whatEn} has at most {max} characters (got {value.Trim().Length})");
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex StreetCodePattern();
}
