using System.Globalization;
using System.Text.RegularExpressions;
using GridMap.Data.Rectification;
using GridMap.Web.Components;
using Microsoft.Extensions.Localization;

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
public sealed partial class RectificationAdministration(
    RectificationReferenceRepository repository, IStringLocalizer<SharedResource> localizer, ILogger<RectificationAdministration> logger)
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
                return AdminEditResult.NotFound(localizer["Admin_Error_NoBasis", subcategoryCode]);
            case ReferenceEditOutcome.Stale:
                return AdminEditResult.Conflict(
                    localizer["Admin_Error_ChangedMeanwhile", subcategoryCode, result.Version!],
                    result.Version);
            case ReferenceEditOutcome.Unchanged:
                return AdminEditResult.Invalid("", localizer["Admin_Error_NothingChanged"]);
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
            Add(errors, "subcategoryCode", localizer["Admin_Error_SubcategoryCodeRequired"]);
        }
        else if (await repository.FindBasisSubcategoryAsync(code, cancellationToken) is not { } subcategory)
        {
            Add(errors, "subcategoryCode", NotCurrent(code));
        }
        else if (!subcategory.RentalHazard)
        {
            Add(errors, "subcategoryCode",
                localizer["Admin_Error_NotRentalCategory", code, UiCulture.Pick(subcategory.SubcategoryZh, subcategory.SubcategoryEn), subcategory.CategoryCode, UiCulture.Pick(subcategory.CategoryZh, subcategory.CategoryEn)]);
        }

        CheckBasisTexts(errors, input);
        if (input.Note is { Length: > MaxNoteLength })
        {
            Add(errors, "note", localizer["Admin_Error_NoteTooLong", MaxNoteLength]);
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
                    ["subcategoryCode"] = [localizer["Admin_Error_BasisExists", code]],
                });
            case ReferenceEditOutcome.NotFound:
                // Retired (or its category turned non-rental) between the check above and the insert.
                return AdminEditResult.Invalid("subcategoryCode", NotCurrent(code));
        }

        logger.LogInformation("Rectification basis {Subcategory} added by {ChangedBy}", code, changedBy);
        return AdminEditResult.Saved(result.Version);
    }

    private string NotCurrent(string code) => localizer["Admin_Error_NotCurrentRentalSubcategory", code];

    /// <summary>Adds the issuing office of a street that has none.</summary>
    public async Task<AdminEditResult> AddStreetOfficeAsync(StreetOfficeInput input, string changedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var code = input.StreetCode?.Trim() ?? "";
        if (!StreetCodePattern().IsMatch(code))
        {
            Add(errors, "streetCode", localizer["Admin_Error_StreetCode", input.StreetCode ?? ""]);
        }

        CheckOffice(errors, input);
        if (input.Note is { Length: > MaxNoteLength })
        {
            Add(errors, "note", localizer["Admin_Error_NoteTooLong", MaxNoteLength]);
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
                ["streetCode"] = [localizer["Admin_Error_OfficeExists", code]],
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
                return AdminEditResult.NotFound(localizer["Admin_Error_NoOffice", streetCode]);
            case ReferenceEditOutcome.Stale:
                return AdminEditResult.Conflict(
                    localizer["Admin_Error_ChangedMeanwhile", streetCode, result.Version!],
                    result.Version);
            case ReferenceEditOutcome.Unchanged:
                return AdminEditResult.Invalid("", localizer["Admin_Error_NothingChanged"]);
        }

        logger.LogInformation("Street office {StreetCode} saved as version {Version} by {ChangedBy}", streetCode, result.Version, changedBy);
        return AdminEditResult.Saved(result.Version);
    }

    public static bool IsStreetCode(string? code) => code is not null && StreetCodePattern().IsMatch(code);

    private static RectificationBasisText BasisText(RectificationBasisInput input) =>
        new(input.BasisZh!.Trim(), input.BasisEn!.Trim(), input.RequirementsZh!.Trim(), input.RequirementsEn!.Trim());

    private void CheckBasisTexts(Dictionary<string, string[]> errors, RectificationBasisInput input)
    {
        Require(errors, "basisZh", input.BasisZh, MaxTextLength);
        Require(errors, "basisEn", input.BasisEn, MaxTextLength);
        Require(errors, "requirementsZh", input.RequirementsZh, MaxTextLength);
        Require(errors, "requirementsEn", input.RequirementsEn, MaxTextLength);
    }

    private static StreetOfficeText OfficeText(StreetOfficeInput input) => new(input.NameZh!.Trim(), input.NameEn!.Trim(), input.ShortZh!.Trim());

    private void CheckOffice(Dictionary<string, string[]> errors, StreetOfficeInput input)
    {
        Require(errors, "nameZh", input.NameZh, MaxOfficeNameLength);
        Require(errors, "nameEn", input.NameEn, MaxOfficeNameLength);
        Require(errors, "shortZh", input.ShortZh, MaxShortNameLength);
    }

    private int CheckCommon(Dictionary<string, string[]> errors, string? note, string? version)
    {
        if (note is { Length: > MaxNoteLength })
        {
            Add(errors, "note", localizer["Admin_Error_NoteTooLong", MaxNoteLength]);
        }

        if (!int.TryParse(version?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var expected) || expected < 1)
        {
            Add(errors, "version", localizer["Admin_Error_VersionRequired"]);
        }

        return expected;
    }

    private static string? Note(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    private void Require(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        var name = localizer[$"Admin_RectField_{field}"];
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(errors, field, localizer["Admin_Error_Required", name]);
        }
        else if (value.Trim().Length > max)
        {
            Add(errors, field, localizer["Admin_Error_TooLongGot", name, max, value.Trim().Length]);
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex StreetCodePattern();
}
