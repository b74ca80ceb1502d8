using System.Text;
using GridMap.Domain.Cases.Indicators;
using GridMap.Web.Export;
using GridMap.Web.Statistics;

namespace GridMap.ComponentTests.Statistics;

/// <summary>The CSV writer: BOM, RFC 4180 quoting, headings in the UI language, empty undefined rates.</summary>
public sealed class MonthlyReportCsvTests
{
    private static StatisticsGroup Group(string key, string label, IndicatorSet set, double? score, int? rank) =>
        new(key, label, rank, score, IndicatorValues.From(set), new StageCounts(0, 0, set.Closed, set.Cancelled, 0));

    private static StatisticsReport Report(params StatisticsGroup[] groups)
    {
        var total = new IndicatorSet { Filed = 5, Cancelled = 1, Closed = 3, ClosedOnTime = 2 };
        return new StatisticsReport(
            new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), "department", "Asia/Shanghai", DateTimeOffset.UnixEpoch,
            groups, Group("total", "合计", total, 55.55, null), new TrendSeries("day", []), new IndicatorWeights());
    }

    private static string[] Lines(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text);
        return text[..^2].Split("\r\n");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void Fields_are_quoted_as_rfc_4180_says(string value, string expected) =>
        Assert.Equal(expected, CsvDocument.Field(value));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"点击\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"")]
    [InlineData("+86 138", "'+86 138")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("楼道=通道", "楼道=通道")]
    public void A_field_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string value, string expected) =>
        Assert.Equal(expected, CsvDocument.Field(value));

    [Fact]
    public void One_row_per_group_and_a_total_with_rates_as_percentages_and_empty_undefined_cells()
    {
        var fire = Group("fire", "消防,救援", new IndicatorSet { Filed = 3, Cancelled = 0, Closed = 2, ClosedOnTime = 1 }, 61.04, 1);
        var market = Group("market", "市场\"监管\"", new IndicatorSet { Filed = 2, Cancelled = 2 }, null, null);

        var lines = Lines(SharedTexts.In("zh-CN", () => MonthlyReportCsv.Write(Report(fire, market), StatisticsGrouping.Department, SharedTexts.Localizer())));

        Assert.Equal(4, lines.Length);
        Assert.StartsWith("部门编码,责任部门,立案数,作废数,结案数,结案率,按期结案率,准确立案率,", lines[0]);
        Assert.EndsWith(",综合得分,排名", lines[0]);
        // 2 of 3 closed = 66.7 %, 1 of 3 on time = 33.3 %; nothing handled: rework rate empty.
        Assert.StartsWith("fire,\"消防,救援\",3,0,2,66.7%,33.3%,100.0%,", lines[1]);
        Assert.EndsWith(",61.0,1", lines[1]);
        // All cancelled: closure rate has no denominator (empty), accurate filing rate is 0.0%; no score, no rank.
        Assert.StartsWith("market,\"市场\"\"监管\"\"\",2,2,0,,,0.0%,", lines[2]);
        Assert.EndsWith(",,", lines[2]);
        Assert.StartsWith(",合计,5,1,3,75.0%,50.0%,80.0%,", lines[3]);
    }

    [Fact]
    public void English_headings_and_reporter_columns()
    {
        var row = new StatisticsGroup("17", "Li Ming", 1, 80, IndicatorValues.From(new IndicatorSet { Filed = 4, Cancelled = 1 }),
            new StageCounts(3, 0, 0, 1, 0), Reports: 4, ValidReports: 3, ValidReportRate: 0.75);

        var lines = Lines(SharedTexts.In("en", () => MonthlyReportCsv.Write(Report(row), StatisticsGrouping.Reporter, SharedTexts.Localizer())));

        Assert.StartsWith("Officer ID,Reporter,Reports,Valid-report rate,Filed,Cancelled,Closed,Closure rate,", lines[0]);
        Assert.StartsWith("17,Li Ming,4,75.0%,4,1,0,", lines[1]);
        Assert.StartsWith(",合计,,,5,", lines[2]);
    }
}
