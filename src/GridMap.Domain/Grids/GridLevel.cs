namespace GridMap.Domain.Grids;

/// <summary>The three nested levels of 网格化管理.</summary>
public enum GridLevel
{
    /// <summary>Village or community (村居), the first-level grid.</summary>
    First = 1,

    /// <summary>Second-level grid (网格) inside a village or community.</summary>
    Second = 2,

    /// <summary>Third-level grid (片区), a block or a few buildings.</summary>
    Third = 3,
}
