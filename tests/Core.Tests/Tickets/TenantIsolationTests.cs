using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tenancy;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Tests.Tickets;

public sealed class TenantIsolationTests(CoreDatabaseFixture database) : IClassFixture<CoreDatabaseFixture>
{
    [Fact]
    public async Task ContextOfCompanyA_CannotReadCompanyBsRows()
    {
        await using var host = new CoreTestHost(database, CoreTestHost.Jst(2025, 6, 2));
        var admin = await host.CreateStaffAsync();
        var a = await host.CreateEnrolledCompanyAsync(Rank.Gold, admin);
        var b = await host.CreateEnrolledCompanyAsync(Rank.Silver, admin);

        await using var asA = database.CreateContext(FixedTenant.ForCompany(a));
        var ledgerAsA = new TicketLedger(asA, host.Clock);

        Assert.Equal([a], await asA.Companies.Select(c => c.Id).ToListAsync());
        Assert.All(await asA.TicketLedger.ToListAsync(), e => Assert.Equal(a, e.CompanyId));
        Assert.All(await asA.Contracts.ToListAsync(), c => Assert.Equal(a, c.CompanyId));
        Assert.All(await asA.RankAssignments.ToListAsync(), r => Assert.Equal(a, r.CompanyId));
        Assert.Equal(0, await ledgerAsA.GetBalanceAsync(b, new FiscalYear(2025)));
        Assert.Empty(await ledgerAsA.GetHistoryAsync(b, new FiscalYear(2025)));
        await Assert.ThrowsAsync<CloudpackPlus.Core.Errors.NotFoundException>(() => ledgerAsA.ReserveAsync(new(b, Guid.NewGuid(), 2, null, null)));

        await using var asStaff = database.CreateContext(new FixedTenant(null, true));
        Assert.True(await asStaff.Companies.CountAsync(c => c.Id == a || c.Id == b) == 2);
        await using var anonymous = database.CreateContext(new FixedTenant(null, false));
        Assert.Empty(await anonymous.Companies.ToListAsync());
    }
}
