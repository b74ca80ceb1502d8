using GridMap.Data.Grids.Import;
using GridMap.Tools.Import;

namespace GridMap.UnitTests.Import;

public sealed class ImportReportTests
{
    [Fact]
    public void A_rejection_lists_each_error_as_feature_index_code_reason_and_says_nothing_was_imported()
    {
        var result = ImportResult.Rejected(
            8,
            [
                new ImportIssue(4, "44130201009801001", "validity", "invalid geometry: Self-intersection[114.411 23.1335]"),
                new ImportIssue(6, null, "code", "code is missing"),
            ],
            [new ImportIssue(1, "44130201009801", "gap", "45371.2 m² (50.00% of grid 44130201009801) is not covered by its children")],
            dryRun: false);
        var output = new StringWriter();

        ImportGridsCommand.Report("bad.geojson", result, output);

        Assert.Equal(
            [
                "feature #4 (44130201009801001): validity: invalid geometry: Self-intersection[114.411 23.1335]",
                "feature #6 (no code): code: code is missing",
                "warning: feature #1 (44130201009801): gap: 45371.2 m² (50.00% of grid 44130201009801) is not covered by its children",
                "bad.geojson: rejected, 2 error(s) in 2 of 8 feature(s); nothing was imported",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void A_file_level_error_is_reported_against_the_file()
    {
        var output = new StringWriter();

        ImportGridsCommand.Report("x.geojson", ImportResult.Rejected(0, [new ImportIssue(null, null, "json", "malformed JSON at line 3, position 1: oops")], [], false), output);

        Assert.StartsWith("file: json: malformed JSON at line 3", output.ToString());
        Assert.Contains("x.geojson: rejected, 1 error(s); nothing was imported", output.ToString());
    }

    [Fact]
    public void A_success_prints_the_counts_and_the_data_version()
    {
        var output = new StringWriter();

        ImportGridsCommand.Report("s.geojson", new ImportResult(7, 6, 1, [], [], 5, false), output);

        Assert.Equal("s.geojson: imported 7 grid(s): 6 new, 1 replaced by a new version; 0 warning(s); data version 5", output.ToString().TrimEnd());
    }
}
