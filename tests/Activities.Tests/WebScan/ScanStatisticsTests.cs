using System.Text;
using CloudpackPlus.Activities.WebScan;
using CloudpackPlus.Core.WebScan;

namespace CloudpackPlus.Activities.Tests.WebScan;

/// <summary>WEB-7: the export's columns are exactly vulnerability type, count, industry and scan period.</summary>
public sealed class ScanStatisticsTests
{
    [Fact]
    [Trait("Spec", "WEB-7")]
    public void TheHeader_IsExactlyTheFourFields_AndTheRowTypeHasNoOtherMember()
    {
        Assert.Equal(["vulnerability_type", "count", "industry", "scan_period"], ScanStatistics.Header);
        // The CSV writes a ScanStatisticRow and nothing else: a fifth column would need a fifth property.
        Assert.Equal(["VulnerabilityType", "Count", "Industry", "ScanPeriod"],
            typeof(ScanStatisticRow).GetProperties().Select(p => p.Name));
        Assert.Equal(4, typeof(ScanStatisticRow).GetConstructors().Single().GetParameters().Length);
    }

    [Fact]
    [Trait("Spec", "WEB-7")]
    public void EveryLine_HasExactlyFourCells_QuotedAndSafeForSpreadsheets()
    {
        var csv = Encoding.UTF8.GetString(ScanStatistics.ToCsv(
        [
            new("クロスサイトスクリプティング", 2, "小売業", "2026-06-08/2026-06-10"),
            new("=HYPERLINK(\"x\")", 1, "製造業, 食品", "2026-07-01/2026-07-01"),
        ])).TrimStart('\uFEFF');

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("vulnerability_type,count,industry,scan_period", lines[0]);
        Assert.Equal("クロスサイトスクリプティング,2,小売業,2026-06-08/2026-06-10", lines[1]);
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\",1,\"製造業, 食品\",2026-07-01/2026-07-01", lines[2]);
    }

    [Theory]
    [Trait("Spec", "WEB-7")]
    [InlineData("XSS: 3", "XSS", 3)]
    [InlineData("SQLインジェクション：12", "SQLインジェクション", 12)]
    [InlineData("CSRF = 1", "CSRF", 1)]
    public void FindingLines_AreRead_AsTypeAndCount(string line, string type, int count) =>
        Assert.Equal((type, count), Assert.Single(RecordScanStatistics.ParseLines(new List<object?> { line })));

    [Fact]
    [Trait("Spec", "WEB-7")]
    public void AFindingLineWithoutACount_IsRefused() =>
        Assert.Throws<FormatException>(() => RecordScanStatistics.ParseLines(new List<object?> { "https://shop.example.jp/ XSS" }));
}
