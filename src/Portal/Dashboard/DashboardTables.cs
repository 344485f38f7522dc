using System.Globalization;
using CloudpackPlus.Portal.Localization;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Dashboard;

/// <summary>One table of the dashboard in the reader's language: what the page shows beside its chart and what its CSV holds.</summary>
public sealed record DashboardTable(string Key, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlySet<int> NumericColumns, int Total);

/// <summary>A chart's data for the bundle (wwwroot/dist/dashboard.js): labels and one series per dataset.</summary>
public sealed record ChartSpec(IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, bool Stacked = false, bool Horizontal = false);

public sealed record ChartSeries(string Label, IReadOnlyList<int> Values);

/// <summary>Turns <see cref="DashboardFigures"/> into tables and charts; the page and the CSV export read the same tables.</summary>
public static class DashboardTables
{
    public static readonly string[] Keys = ["tickets", "unused", "low", "proposals", "applications", "overdue"];

    public static IReadOnlyList<DashboardTable> All(DashboardFigures f, IStringLocalizer t) => [.. Keys.Select(k => Build(k, f, t)!)];

    /// <summary>The table <paramref name="key"/>, or null when there is no such table.</summary>
    public static DashboardTable? Build(string key, DashboardFigures f, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(t);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        string Rank(string r) => r.Length == 0 ? t["Rank.None"] : t[$"Console.Rank.{r}"];
        switch (key)
        {
            case "tickets":
                {
                    // Lapsed and adjustments get a column when a row has them, so that every row adds up on the page.
                    var (lapsed, adjusted) = (f.Ranks.Any(r => r.Lapsed != 0), f.Ranks.Any(r => r.Adjusted != 0));
                    string[] headers = [t["Company.Rank"], t["Dashboard.Companies"], .. TicketHeaders(t, lapsed, adjusted)];
                    return new(key, t["Dashboard.Tickets"], headers,
                        [.. f.Ranks.Select(r => (IReadOnlyList<string>)[Rank(r.Rank), N(r.Companies), .. TicketCells(r.Granted, r.Used, r.Lapsed, r.Adjusted, r.Remaining, lapsed, adjusted)])],
                        Enumerable.Range(1, headers.Length - 1).ToHashSet(), f.Ranks.Count);
                }
            case "unused":
                return Companies(key, t["Dashboard.Unused"], f.Unused, f, t, Rank);
            case "low":
                return Companies(key, t["Dashboard.Low"], f.Low, f, t, Rank);
            case "proposals":
                return new(key, t["Dashboard.Proposals"], [t["Company.Rank"], t["Dashboard.Companies"], t["Dashboard.ProposalsAllowed"], t["Dashboard.ProposalsUsed"]],
                    [.. f.Ranks.Select(r => (IReadOnlyList<string>)[Rank(r.Rank), N(r.Companies), N(r.ProposalsAllowed), N(r.ProposalsUsed)])], new HashSet<int> { 1, 2, 3 }, f.Ranks.Count);
            case "applications":
                var buckets = AgeLabels(t);
                return new(key, t["Dashboard.Applications"], [t["Dashboard.Status"], .. buckets, t["Dashboard.Total"]],
                    [.. DashboardFigures.OpenStatuses.Select(s =>
                    {
                        var counts = Enumerable.Range(0, buckets.Length).Select(b => f.Applications.Where(c => c.Status == s && c.Bucket == b).Sum(c => c.Count)).ToList();
                        return (IReadOnlyList<string>)[t[$"Status.{s}"], .. counts.Select(N), N(counts.Sum())];
                    })], Enumerable.Range(1, buckets.Length + 1).ToHashSet(), DashboardFigures.OpenStatuses.Length);
            case "overdue":
                return new(key, t["Dashboard.Overdue"],
                    [t["Dashboard.Task"], t["Field.CompanyCode"], t["Field.CompanyName"], t["Dashboard.Application"], t["Dashboard.DueAt"], t["Dashboard.DaysOverdue"], t["Dashboard.ClaimedBy"]],
                    [.. f.Overdue.Rows.Select(o => (IReadOnlyList<string>)[
                        PortalCultures.IsJapanese || string.IsNullOrEmpty(o.TitleEn) ? o.Title : o.TitleEn, o.CompanyCode ?? "", o.CompanyName ?? "",
                        o.ApplicationNumber ?? "", PortalCultures.DateTime(o.DueAt), N(o.DaysOverdue), o.ClaimedBy ?? ""])],
                    new HashSet<int> { 5 }, f.Overdue.Total);
            default:
                return null;
        }
    }

    /// <summary>The chart drawn beside table <paramref name="key"/>.</summary>
    public static ChartSpec Chart(string key, DashboardFigures f, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(t);
        var ranks = f.Ranks.Select(r => r.Rank.Length == 0 ? (string)t["Rank.None"] : t[$"Console.Rank.{r.Rank}"]).ToList();
        return key switch
        {
            "tickets" => new(ranks, [new(t["Dashboard.Used"], [.. f.Ranks.Select(r => r.Used)]), new(t["Dashboard.Left"], [.. f.Ranks.Select(r => r.Remaining)])], Stacked: true),
            "unused" => new(ranks, [new(t["Dashboard.Unused"], [.. f.Ranks.Select(r => r.Unused)])]),
            "low" => new(ranks, [new(t["Dashboard.Low"], [.. f.Ranks.Select(r => r.Low)])]),
            "proposals" => new(ranks, [new(t["Dashboard.ProposalsAllowed"], [.. f.Ranks.Select(r => r.ProposalsAllowed)]), new(t["Dashboard.ProposalsUsed"], [.. f.Ranks.Select(r => r.ProposalsUsed)])]),
            "applications" => new([.. DashboardFigures.OpenStatuses.Select(s => (string)t[$"Status.{s}"])],
                [.. AgeLabels(t).Select((label, b) => new ChartSeries(label, [.. DashboardFigures.OpenStatuses.Select(s => f.Applications.Where(c => c.Status == s && c.Bucket == b).Sum(c => c.Count))]))],
                Stacked: true, Horizontal: true),
            "overdue" => new(OverdueLabels(t), [new(t["Dashboard.Overdue"], f.OverdueBuckets)]),
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
    }

    /// <summary>The company lists show the rank-by-rank counts in the chart; the table is the list of companies itself.</summary>
    private static DashboardTable Companies(string key, string title, RowsOf<CompanyFigure> rows, DashboardFigures f, IStringLocalizer t, Func<string, string> rank)
    {
        var (lapsed, adjusted) = (rows.Rows.Any(c => c.Lapsed != 0), rows.Rows.Any(c => c.Adjusted != 0));
        string[] headers = [t["Field.CompanyCode"], t["Field.CompanyName"], t["Company.Rank"], .. TicketHeaders(t, lapsed, adjusted), t["Dashboard.DaysToLapse"]];
        return new(key, title, headers,
            [.. rows.Rows.Select(c => (IReadOnlyList<string>)[c.Code, c.Name, rank(c.Rank),
                .. TicketCells(c.Granted, c.Used, c.Lapsed, c.Adjusted, c.Remaining, lapsed, adjusted), f.DaysToLapse.ToString(CultureInfo.InvariantCulture)])],
            Enumerable.Range(3, headers.Length - 3).ToHashSet(), rows.Total);
    }

    /// <summary>Granted, used, (lapsed), (adjustments), left: the optional columns only when <paramref name="lapsed"/> / <paramref name="adjusted"/>.</summary>
    private static IEnumerable<string> TicketHeaders(IStringLocalizer t, bool lapsed, bool adjusted)
    {
        yield return t["Dashboard.Granted"];
        yield return t["Dashboard.Used"];
        if (lapsed)
        {
            yield return t["Dashboard.Lapsed"];
        }

        if (adjusted)
        {
            yield return t["Dashboard.Adjusted"];
        }

        yield return t["Dashboard.Left"];
    }

    private static IEnumerable<string> TicketCells(int granted, int used, int lapsedCount, int adjustedCount, int remaining, bool lapsed, bool adjusted)
    {
        yield return granted.ToString(CultureInfo.InvariantCulture);
        yield return used.ToString(CultureInfo.InvariantCulture);
        if (lapsed)
        {
            yield return lapsedCount.ToString(CultureInfo.InvariantCulture);
        }

        if (adjusted)
        {
            // Signed, so that the row reads as a sum: "+21" or "-3".
            yield return adjustedCount.ToString("+#;-#;0", CultureInfo.InvariantCulture);
        }

        yield return remaining.ToString(CultureInfo.InvariantCulture);
    }

    private static string[] AgeLabels(IStringLocalizer t) =>
        [t["Dashboard.Age", 0, 7], t["Dashboard.Age", 8, 30], t["Dashboard.Age", 31, 90], t["Dashboard.AgeOver", 90]];

    private static string[] OverdueLabels(IStringLocalizer t) =>
        [t["Dashboard.Age", 1, 3], t["Dashboard.Age", 4, 7], t["Dashboard.Age", 8, 14], t["Dashboard.AgeOver", 14]];
}
