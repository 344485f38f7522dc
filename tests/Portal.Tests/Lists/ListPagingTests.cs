using System.Net;
using System.Text.RegularExpressions;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Lists;

/// <summary>
/// Issues #14/#15 "paging and search on every list": each list shows 25 rows a page with the shared pager, page 3 of
/// 60 rows shows the last 10 (the three pages together are the 60), the shared search box narrows it on the server,
/// and a page number far past the end (or not a number) shows the last page instead of failing.
/// </summary>
public sealed class ListPagingTests(ListPagingSeed app) : IClassFixture<ListPagingSeed>
{
    public enum Who
    {
        Representative,
        Csm,
        Partner,
    }

    /// <summary>Path (may carry a filter), who reads it, the row marker, the seeded names, the search and page parameters, the search that finds all 60, the one that finds 050–059.</summary>
    public static TheoryData<string, Who, string, string, string, string, string, string> Lists => new()
    {
        { "/Applications", Who.Representative, "data-test=\"application-row\"", @"LP-\d{3}", "q", "p", "LP-", "LP-05" },
        { "/Inquiries", Who.Representative, "data-test=\"inquiry-row\"", @"ページ質問 \d{3}", "q", "p", "ページ質問", "ページ質問 05" },
        { "/Quotes", Who.Representative, "data-test=\"quote-row\"", @"ページ見積 \d{3}", "q", "p", "ページ見積", "ページ見積 05" },
        { "/Notifications", Who.Representative, "data-test=\"notification\"", @"ページ通知 \d{3}", "q", "p", "ページ通知", "ページ通知 05" },
        { "/Users", Who.Representative, "data-test=\"user-row\"", @"pageuser\d{3}", "q", "p", "pageuser", "PAGEUSER05" },
        { "/Reports", Who.Representative, "data-test=\"report-row\"", @"LP-\d{3}", "q", "p", "LP-", "LP-05" },
        { "/Partner", Who.Partner, "data-test=\"partner-row\"", @"LP-\d{3}", "q", "p", "LP-", "LP-05" },
        { "/Staff/Applications", Who.Csm, "data-test=\"application-row\"", @"LP-\d{3}", "q", "p", "LP-", "LP-05" },
        { "/Staff/Inquiries?filter=All", Who.Csm, "data-test=\"inquiry-row\"", @"ページ質問 \d{3}", "q", "p", "ページ質問", "ページ質問 05" },
        { "/Staff/Quotes?all=true", Who.Csm, "data-test=\"quote-row\"", @"ページ見積 \d{3}", "q", "p", "ページ見積", "ページ見積 05" },
        { "/Staff/Tasks?show=all", Who.Csm, "data-test=\"inbox-row\"", @"ページ作業 \d{3}", "q", "p", "ページ作業", "ページ作業 05" },
        { "/Staff/Companies", Who.Csm, "data-test=\"company-row\"", @"ページ会社 \d{3}", "q", "p", "ページ会社", "ページ会社 05" },
        { "/Staff/Companies/{company}", Who.Csm, "data-test=\"company-user-row\"", @"pageuser\d{3}", "uq", "up", "pageuser", "pageuser05" },
        { "/Staff/Companies/{company}", Who.Csm, "data-test=\"company-account-row\"", @"777700000\d{3}", "aq", "ap", "7777", "77770000005" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task EveryList_Pages25_Page3ShowsTheRest_SearchNarrows_HugePageIsTheLast(
        string path, Who who, string rowMarker, string name, string searchParam, string pageParam, string all, string fifties)
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(who switch { Who.Csm => app.Csm, Who.Partner => app.Partner, _ => app.Representative });
        path = path.Replace("{company}", app.Company.ToString(), StringComparison.Ordinal);
        var glue = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        string Url(string search, string page) =>
            $"{path}{glue}{searchParam}={Uri.EscapeDataString(search)}&{pageParam}={page}";

        var pages = new List<string>();
        foreach (var page in new[] { "1", "2", "3" })
        {
            pages.Add(await client.GetPageAsync(Url(all, page)));
        }

        Assert.Equal([25, 25, 10], pages.Select(p => Count(p, rowMarker)));
        var names = pages.SelectMany(p => Names(p, rowMarker, name)).ToList();
        Assert.Equal(ListPagingSeed.Rows, names.Count);
        Assert.Equal(ListPagingSeed.Rows, names.Distinct().Count());
        Assert.Contains($"data-test=\"pager-{pageParam}\"", pages[0], StringComparison.Ordinal);
        Assert.Contains($"data-test=\"next-{pageParam}\"", pages[0], StringComparison.Ordinal);
        Assert.DoesNotContain($"data-test=\"next-{pageParam}\"", pages[2], StringComparison.Ordinal);
        Assert.Contains($"data-test=\"list-search-{searchParam}\"", pages[0], StringComparison.Ordinal);

        // The search narrows on the server (case-insensitive): the ten of 050–059; %, _ and \\ are taken literally.
        var narrow = await client.GetPageAsync(Url(fifties, "1"));
        var narrowed = Names(narrow, rowMarker, name).ToList();
        Assert.Equal(10, narrowed.Count);
        Assert.All(narrowed, n => Assert.Matches(@"05\d$", n));
        Assert.Equal(0, Count(await client.GetPageAsync(Url("該当なし%_\\", "1")), rowMarker));

        // Far past the end, or not a number: the last page (or the first), never a failure.
        var huge = await client.GetPageAsync(Url(all, "80000000"));
        Assert.Equal(10, Count(huge, rowMarker));
        Assert.Equal(25, Count(await client.GetPageAsync(Url(all, "abc")), rowMarker));
        using var overflow = await client.GetAsync(Url(new string('x', 5000), "99999999999999"));
        Assert.Equal(HttpStatusCode.OK, overflow.StatusCode);
    }

    private static int Count(string page, string rowMarker) => page.Split(rowMarker).Length - 1;

    /// <summary>The seeded names inside the rows (each row's text up to the next row or the table's end).</summary>
    private static IEnumerable<string> Names(string page, string rowMarker, string name) =>
        page.Split(rowMarker).Skip(1).Select(row => Regex.Match(RowText(row), name)).Where(m => m.Success).Select(m => m.Value);

    private static string RowText(string rest)
    {
        var end = rest.IndexOf("</tr>", StringComparison.Ordinal);
        var card = rest.IndexOf("</article>", StringComparison.Ordinal);
        var cut = new[] { end, card }.Where(i => i >= 0).DefaultIfEmpty(rest.Length).Min();
        return rest[..cut];
    }
}
