using GridMap.Domain.Access;

namespace GridMap.Domain.Rectification;

/// <summary>The outcome of a re-inspection visit.</summary>
public enum ReinspectionOutcome
{
    Fixed,
    NotFixed,
}

public static class ReinspectionOutcomes
{
    public static string ToCode(this ReinspectionOutcome outcome) => outcome switch
    {
        ReinspectionOutcome.Fixed => "fixed",
        ReinspectionOutcome.NotFixed => "not_fixed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static bool TryFromCode(string? code, out ReinspectionOutcome outcome)
    {
        switch (code)
        {
            case "fixed":
                outcome = ReinspectionOutcome.Fixed;
                return true;
            case "not_fixed":
                outcome = ReinspectionOutcome.NotFixed;
                return true;
            default:
                outcome = default;
                return false;
        }
    }
}

/// <summary>
/// Who may do what with notices and re-inspections. A notice is a formal act of the street
/// office, served on a landlord in its name: grid leaders, the command centre and administrators
/// issue it. The grid officer who found the hazard does not: they prepare the facts (the case)
/// and record the re-inspection, but the document carries the office's seal.
/// </summary>
public static class RectificationRules
{
    public const int MaxRequirementsLength = 2000;

    public const int MaxWorkingDays = 60;

    public static readonly TimeSpan MaxDeadlineAhead = TimeSpan.FromDays(366);

    public static bool MayIssue(UserRole role) => role is UserRole.GridLeader or UserRole.Command or UserRole.Admin;

    /// <summary>The case's assignee (whatever their role), or a leader, the command centre or an administrator.</summary>
    public static bool MayRecordResult(UserRole role, long? actorOfficerId, long? assigneeOfficerId) =>
        role is UserRole.GridLeader or UserRole.Command or UserRole.Admin
        || (actorOfficerId is { } mine && mine == assigneeOfficerId);
}
