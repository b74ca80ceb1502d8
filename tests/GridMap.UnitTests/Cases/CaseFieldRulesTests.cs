using GridMap.Domain.Cases;
using static GridMap.UnitTests.Cases.CaseTestKit;

namespace GridMap.UnitTests.Cases;

/// <summary>The field rules of reports and actions: each rule once, every error at once, keyed by field, no text.</summary>
public sealed class CaseFieldRulesTests
{
    private static IEnumerable<(string Field, string Code)> Keys(IEnumerable<FieldError> errors) => errors.Select(e => (e.Field, e.Code));

    [Fact]
    public void A_valid_report_has_no_errors()
    {
        Assert.Empty(CaseRules.ValidateReport(23.1, 114.4, "fire_ebike_indoor", "楼道电动车充电", photoCount: CaseRules.MaxPhotos));
        Assert.Empty(CaseRules.ValidateReport(-90, 180, "env_dumping", new string('x', CaseRules.MaxNoteLength)));
    }

    [Fact]
    public void An_empty_report_names_every_field_at_once()
    {
        Assert.Equal(
            [("lat", FieldErrorCodes.Required), ("lon", FieldErrorCodes.Required), ("category", FieldErrorCodes.Required), ("description", FieldErrorCodes.Required)],
            Keys(CaseRules.ValidateReport(null, null, " ", "\n")));
    }

    [Fact]
    public void Ranges_lengths_counts_and_code_shapes_are_checked_with_their_values()
    {
        var errors = CaseRules.ValidateReport(90.5, double.NaN, "Fire-Ebike", new string('x', CaseRules.MaxNoteLength + 1), CaseRules.MaxPhotos + 1);

        Assert.Equal(
            [("lat", FieldErrorCodes.OutOfRange), ("lon", FieldErrorCodes.OutOfRange), ("category", FieldErrorCodes.UnknownCategory),
             ("description", FieldErrorCodes.TooLong), ("photos", FieldErrorCodes.TooMany)],
            Keys(errors));
        Assert.Equal([CaseRules.MinLatitude, CaseRules.MaxLatitude, 90.5], errors[0].Args);
        Assert.Equal(["Fire-Ebike"], errors[2].Args);
        Assert.Equal([CaseRules.MaxNoteLength, CaseRules.MaxNoteLength + 1], errors[3].Args);
        Assert.Equal([CaseRules.MaxPhotos, CaseRules.MaxPhotos + 1], errors[4].Args);
    }

    [Fact]
    public void An_actions_position_is_optional_but_comes_in_pairs()
    {
        Assert.Empty(CaseRules.ValidateActionInput(null, 0, null, null));
        Assert.Empty(CaseRules.ValidateActionInput(new string('x', CaseRules.MaxNoteLength), CaseRules.MaxPhotos, 23.1, 114.4));
        Assert.Equal(
            [("note", FieldErrorCodes.TooLong), ("photos", FieldErrorCodes.TooMany), ("lon", FieldErrorCodes.Paired)],
            Keys(CaseRules.ValidateActionInput(new string('x', CaseRules.MaxNoteLength + 1), CaseRules.MaxPhotos + 1, 23.1, null)));
    }

    [Fact]
    public void The_workflow_refuses_by_the_same_rules_and_carries_the_field_errors()
    {
        var refusal = Apply(StatusIn(CaseState.Reported), Valid(CaseAction.Verify) with { Note = new string('x', CaseRules.MaxNoteLength + 1) }).Refusal;

        Assert.Equal(RefusalKind.InvalidField, refusal!.Kind);
        Assert.Equal([("note", FieldErrorCodes.TooLong)], Keys(refusal.FieldErrors));
    }
}
