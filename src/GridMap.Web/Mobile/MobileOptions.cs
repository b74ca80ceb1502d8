using System.ComponentModel.DataAnnotations;

namespace GridMap.Web.Mobile;

/// <summary>The officers' phone page (section "Mobile").</summary>
public sealed class MobileOptions
{
    public const string SectionName = "Mobile";

    /// <summary>
    /// How often an open task list asks for itself again. A new dispatch reaches the officer
    /// within this time without a push channel to every phone; 30 s keeps 2,000 phones at
    /// under 70 light requests a second.
    /// </summary>
    [Range(5, 3600)]
    public int TaskRefreshSeconds { get; set; } = 30;
}
