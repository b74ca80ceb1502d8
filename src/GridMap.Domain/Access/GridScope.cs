using GridMap.Domain.Grids;

namespace GridMap.Domain.Access;

/// <summary>
/// The grids a user may see: everything, or the subtrees under a set of granted grids.
/// Because a child's code extends its parent's, a subtree is a code prefix, and the data
/// layer enforces a scope with <c>code LIKE ANY(prefixes)</c>.
/// </summary>
public sealed class GridScope
{
    public static readonly GridScope Everything = new(isEverything: true, []);

    private GridScope(bool isEverything, IReadOnlyList<GridCode> roots)
    {
        IsEverything = isEverything;
        Roots = roots;
    }

    public bool IsEverything { get; }

    /// <summary>The granted grids, none of which is inside another.</summary>
    public IReadOnlyList<GridCode> Roots { get; }

    public static GridScope Of(IEnumerable<GridCode> granted)
    {
        var sorted = granted.Distinct().OrderBy(c => c.Value, StringComparer.Ordinal).ToList();
        var roots = new List<GridCode>();
        foreach (var code in sorted)
        {
            if (!roots.Any(r => r.IsSelfOrAncestorOf(code)))
            {
                roots.Add(code);
            }
        }

        return new GridScope(isEverything: false, roots);
    }

    public bool Includes(GridCode code) => IsEverything || Roots.Any(r => r.IsSelfOrAncestorOf(code));

    /// <summary>LIKE patterns for the data layer; empty for <see cref="Everything"/>.</summary>
    public string[] LikePatterns() => Roots.Select(r => r.Value + "%").ToArray();

    /// <summary>A short stable key, used in tile cache keys.</summary>
    public string CacheKey => IsEverything ? "*" : string.Join(',', Roots.Select(r => r.Value));
}
