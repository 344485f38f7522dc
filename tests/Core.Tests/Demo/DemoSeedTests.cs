using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Core.Tests.Demo;

public sealed class DemoSeedTests(CoreDatabaseFixture database) : IClassFixture<CoreDatabaseFixture>
{
    [Fact]
    public async Task DemoCompany_IsEnrolledGold_WithTicketHistoryAndTwoAwsAccounts_AndSeedingIsIdempotent()
    {
        await using var host = new CoreTestHost(database, CoreTestHost.Jst(2026, 5, 11));

        var first = await host.RunAsync(sp => sp.GetServices<IDemoSeeder>().Single().SeedAsync(CancellationToken.None));
        var second = await host.RunAsync(sp => sp.GetServices<IDemoSeeder>().Single().SeedAsync(CancellationToken.None));

        Assert.Contains(first, l => l.StartsWith("created enrolment of DEMO: rank Gold, 13 tickets in FY2026", StringComparison.Ordinal));
        Assert.All(second, l => Assert.StartsWith("found ", l, StringComparison.Ordinal));
        await host.RunAsync(async sp =>
        {
            var db = sp.Get<CoreDbContext>();
            var company = await db.Companies.SingleAsync(c => c.Code == "DEMO");
            Assert.Equal(CompanyStatus.Active, company.Status);
            Assert.Equal(Rank.Gold, await sp.Get<RankService>().GetRankAsync(company.Id, new FiscalYear(2026)));
            var history = await sp.Get<TicketLedger>().GetHistoryAsync(company.Id, new FiscalYear(2026));
            Assert.Equal([TicketEntryKind.Grant, TicketEntryKind.Spend, TicketEntryKind.Spend, TicketEntryKind.Refund], history.Select(h => h.Kind));
            Assert.Equal(13, history[^1].BalanceAfter);
            var accounts = await db.AwsAccounts.Where(a => a.CompanyId == company.Id).OrderBy(a => a.AccountId).ToListAsync();
            Assert.Equal(2, accounts.Count);
            Assert.Single(accounts, a => a.UnderMaintenanceContract && a.BacklogProjectKey == "DEMO_AWS");
            Assert.Contains(await db.Contracts.Where(c => c.CompanyId == company.Id).Select(c => c.Type).ToListAsync(), t => Contract.Qualifies(t));
        });
    }
}
