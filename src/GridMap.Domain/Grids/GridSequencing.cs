namespace GridMap.Domain.Grids;

/// <summary>
/// Orders sibling grids for numbering: west to east along a row, rows from north to south,
/// as the coding practice asks. Rows are bands of the parent's height so that a grid a few
/// metres further north does not jump ahead of its western neighbour.
/// </summary>
public static class GridSequencing
{
    public static IReadOnlyList<T> Order<T>(IEnumerable<T> siblings, Func<T, (double X, double Y)> labelPoint)
    {
        var items = siblings.Select(s => (Item: s, Point: labelPoint(s))).ToList();
        if (items.Count <= 1)
        {
            return items.Select(i => i.Item).ToList();
        }

        var minY = items.Min(i => i.Point.Y);
        var maxY = items.Max(i => i.Point.Y);
        var rows = Math.Max(1, (int)Math.Round(Math.Sqrt(items.Count)));
        var band = (maxY - minY) / rows;
        if (band <= 0)
        {
            band = 1;
        }

        return items
            .OrderBy(i => Math.Min(rows - 1, (int)((maxY - i.Point.Y) / band)))
            .ThenBy(i => i.Point.X)
            .Select(i => i.Item)
            .ToList();
    }
}
