namespace GridMap.Web.Security;

/// <summary>Interactive consoles' circuits (configuration section "Circuits").</summary>
public sealed class CircuitOptions
{
    public const string SectionName = "Circuits";

    /// <summary>
    /// How often a circuit's user is checked against the users table: a disabled user, or one
    /// whose role, officer or grid scope changed, loses the circuit within this time.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsValid => RevalidationInterval > TimeSpan.Zero && RevalidationInterval <= TimeSpan.FromMinutes(10);
}
