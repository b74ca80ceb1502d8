using System.Text;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Statistics;

/// <summary>
/// Writes the monthly report as CSV (RFC 4180: comma separated, CRLF line ends, fields with a
/// comma, quote or line break quoted and quotes doubled) in UTF-8 with a byte-order mark, which
/// Excel needs to read Chinese text as UTF-8 rather than as GBK.
/// </summary>
public static class MonthlyReportCsv
{
    public static byte[] Write(StatisticsReport report, StatisticsGrouping by, IStringLocalizer localizer)
    {
        var columns = IndicatorColumns.For(by);
        var (codeHeading, nameHeading) = IndicatorColumns.GroupHeadings(by, localizer);
        var text = new StringBuilder();
        Line(text, [codeHeading, nameHeading, .. columns.Select(c => c.Heading(localizer))]);
        foreach (var group in report.Groups)
        {
            Line(text, [group.Key, group.Label, .. columns.Select(c => c.Format(group))]);
        }

        // The total is the whole cohort (a case of two departments counts once), not a column sum.
        Line(text, ["", report.Total.Label, .. columns.Select(c => c.Format(report.Total))]);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static void Line(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Field));
        text.Append("\r\n");
    }
}
