using GridMap.Web.Export;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Statistics;

/// <summary>The monthly report as CSV (<see cref="CsvDocument"/>): one row per group, then the total.</summary>
public static class MonthlyReportCsv
{
    public static byte[] Write(StatisticsReport report, StatisticsGrouping by, IStringLocalizer localizer)
    {
        var columns = IndicatorColumns.For(by);
        var (codeHeading, nameHeading) = IndicatorColumns.GroupHeadings(by, localizer);
        var csv = new CsvDocument();
        csv.Line([codeHeading, nameHeading, .. columns.Select(c => c.Heading(localizer))]);
        foreach (var group in report.Groups)
        {
            csv.Line([group.Key, group.Label, .. columns.Select(c => c.Format(group))]);
        }

        // The total is the whole cohort (a case of two departments counts once), not a column sum.
        csv.Line(["", report.Total.Label, .. columns.Select(c => c.Format(report.Total))]);
        return csv.ToBytes();
    }
}
