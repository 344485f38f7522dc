using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Dashboard;

/// <summary>
/// Issue #14 §8: the dashboard's ticket figures add up. The demo's Gold row read granted 30 / used 36 / left 15 because staff
/// adjustments counted in "left" only. A company with every kind of ledger entry (enrolment grant, top-up grant, adjustments
/// both ways, a held, a confirmed and a refunded reservation, a late refund that lapses) must read
/// granted − used − lapsed + adjustments = left, on its rank's row and on every other row.
/// </summary>
public sealed class DashboardTicketSumTests(DashboardTicketSumTests.Fixture app) : IClassFixture<DashboardTicketSumTests.Fixture>
{
    public sealed class Fixture : PortalAppFactory
    {
        public TestAccount Csm { get; private set; } = null!;

        public Guid EveryKind { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Csm = await CreateAccountAsync(null, PersonRole.Csm, "sum-csm@cloudpack.example.jp");
            var admin = await CreateAccountAsync(null, PersonRole.Admin, "sum-admin@cloudpack.example.jp");
            await DashboardSeed.CompanyAsync(this, "SUM-PLAIN", "普通 株式会社", Rank.Gold, Csm, spent: 2);
            await DashboardSeed.CompanyAsync(this, "SUM-SILVER", "銀 株式会社", Rank.Silver, Csm, spent: 1);

            // Enrolled at Silver: 5 granted; raised to Gold: topped up by 10 (both Grant entries).
            EveryKind = await DashboardSeed.CompanyAsync(this, "SUM-ALL", "全種類 株式会社", Rank.Silver, Csm);
            await using var scope = Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var year = FiscalYear.Current(Clock);
            await services.GetRequiredService<RankService>().OverrideAsync(EveryKind, year, Rank.Gold, "実績の見直し", admin.PersonId);
            var ledger = services.GetRequiredService<TicketLedger>();
            await ledger.AdjustAsync(EveryKind, year, 7, "補填", Csm.PersonId);
            await ledger.AdjustAsync(EveryKind, year, -2, "誤付与の訂正", Csm.PersonId);
            await Reserve(ledger, 3); // held: waiting for its workflow to start
            await ledger.ConfirmAsync((await Reserve(ledger, 2)).Id);
            await ledger.ReleaseAsync((await Reserve(ledger, 4)).Id, TicketReleaseCause.CancelledByStaff, "担当不在", Csm.PersonId);
            var late = await Reserve(ledger, 1);

            // The year's tickets lapsed before this refund came in (TKT-2): the refund lapses at once.
            var db = services.GetRequiredService<CoreDbContext>();
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE core.ticket_accounts SET lapsed_at = {Clock.GetUtcNow()} WHERE company_id = {EveryKind} AND fiscal_year = {year.StartYear}");
            await ledger.ReleaseAsync(late.Id, TicketReleaseCause.Rejected, "対象外", Csm.PersonId);
        }

        private Task<TicketReservation> Reserve(TicketLedger ledger, int cost) =>
            ledger.ReserveAsync(new TicketSpendRequest(EveryKind, Guid.CreateVersion7(), cost, null, Csm.PersonId));
    }

    [Fact]
    [Trait("Spec", "TKT-4")]
    public async Task TicketsByRank_AddUp_WithEveryKindOfLedgerEntry()
    {
        // The premise: the company has an entry of every kind.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var kinds = await scope.ServiceProvider.GetRequiredService<CoreDbContext>().TicketLedger.IgnoreQueryFilters()
                .Where(e => e.CompanyId == app.EveryKind).Select(e => e.Kind).Distinct().ToListAsync();
            Assert.Equal(Enum.GetValues<TicketEntryKind>().Order(), kinds.Order());
        }

        using var client = new PortalClient(app);
        await client.SignInAsync(app.Csm);
        var html = await client.GetPageAsync("/Staff/Dashboard");

        var header = Headers(html, "tickets");
        Assert.Equal(["ランク", "企業数", "付与", "使用", "失効", "調整", "残り"], header);
        var rows = DashboardSeed.Rows(html, "tickets");
        // Gold: SUM-PLAIN 15 granted, 2 used, 13 left; SUM-ALL 5 + 10 granted, used 3 + 2 + 4 + 1 − 4 − 1 = 5, lapsed 1, +7 − 2 adjusted, 14 left.
        Assert.Equal(["ゴールド", "2", "30", "7", "1", "+5", "27"], rows.Single(r => r[0] == "ゴールド"));
        Assert.Equal(["シルバー", "1", "5", "1", "0", "0", "4"], rows.Single(r => r[0] == "シルバー"));
        Assert.All(rows, r =>
        {
            var n = r[2..].Select(int.Parse).ToArray();
            Assert.Equal(n[4], n[0] - n[1] - n[2] + n[3]);
        });
        Assert.Contains("data-test=\"tickets-note\"", html, StringComparison.Ordinal);
    }

    private static string[] Headers(string html, string key)
    {
        var start = html.IndexOf($"data-test=\"table-{key}\"", StringComparison.Ordinal);
        var head = html[html.IndexOf("<thead>", start, StringComparison.Ordinal)..html.IndexOf("</thead>", start, StringComparison.Ordinal)];
        return [.. System.Text.RegularExpressions.Regex.Matches(head, "<th(?:\\s[^>]*)?>(.*?)</th>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value.Trim()))];
    }
}
