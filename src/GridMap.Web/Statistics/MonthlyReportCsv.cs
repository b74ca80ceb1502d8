using GridMap.Web.Export;

namespace GridMap.Web.Statistics;

/// <summary>The monthly report as CSV (<see cref="CsvDocument"/>): one row per group, then the total.</summary>
public static class MonthlyReportCsv
{
    public static byte[] Write(StatisticsReport report, StatisticsGrouping by, bool english)
    {
        var columns = IndicatorColumns.For(by);
        var (codeHeading, nameHeading) = IndicatorColumns.GroupHeadings(by, english);
        var csv = new CsvDocument();
        csv.Line([codeHeading, nameHeading, .. columns.Select(c => c.Heading(english))]);
        foreach (var group in report.Groups)
        {
            csv.Line([group.Key, group.Label, .. columns.Select(c => c.Format(group))]);
        }

        // The total is the whole cohort (a case of two departments counts once), not a column sum.
        csv.Line(["", report.Total.Label, .. columns.Select(c => c.Format(report.Total))]);
        return csv.ToBytes();
    }
}
