using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Demo;

/// <summary>
/// The demo's applications spend the demo company's whole grant (the seeders top it up to afford each one), so a
/// visitor signing in as the representative would find 0 tickets and nothing to apply for. After every seeder that
/// spends, one audited staff adjustment (TKT-4) gives the company its year's grant back to try the portal with.
/// Made once per fiscal year: a second seeding finds the adjustment and leaves what the visitor has spent alone.
/// </summary>
internal sealed class DemoBalanceSeeder(CoreDbContext core, TicketLedger ledger, TimeProvider clock) : IDemoSeeder
{
    public const string Reason = "デモ: 申込を試せるよう年間付与分を戻す";

    public int Order => 95; // after every seeder that spends tickets

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var company = await core.Companies.Where(c => c.Code == "DEMO").Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        var csm = await core.People.Where(p => p.Email == "csm@cloudpack.example.jp" && p.Role == PersonRole.Csm).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (company is null || csm is null)
        {
            return ["demo balance: skipped (demo company or CSM missing)"];
        }

        var year = FiscalYear.Current(clock);
        var entries = core.TicketLedger.Where(e => e.CompanyId == company && e.FiscalYear == year.StartYear);
        if (await entries.AnyAsync(e => e.Kind == TicketEntryKind.Adjustment && e.Reason == Reason, cancellationToken))
        {
            return [$"found demo balance of {await ledger.GetBalanceAsync(company.Value, year, cancellationToken)} tickets"];
        }

        var granted = await entries.Where(e => e.Kind == TicketEntryKind.Grant).SumAsync(e => e.Amount, cancellationToken);
        var balance = await ledger.GetBalanceAsync(company.Value, year, cancellationToken);
        if (granted <= balance)
        {
            return [$"found demo balance of {balance} tickets"];
        }

        await ledger.AdjustAsync(company.Value, year, granted - balance, Reason, csm.Value, cancellationToken);
        return [$"created demo balance of {granted} tickets (the year's grant)"];
    }
}
