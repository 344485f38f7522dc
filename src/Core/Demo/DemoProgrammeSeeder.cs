using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Demo;

/// <summary>
/// The demo company's programme data: a qualifying contract and a maintenance contract, Gold
/// rank from last year's transactions, this year's grant with a little history, and two linked
/// AWS accounts (one under maintenance with its Backlog project). Idempotent.
/// </summary>
internal sealed class DemoProgrammeSeeder(
    CoreDbContext db, TimeProvider clock, EnrolmentService enrolment, RankService ranks, AwsAccountService accounts, TicketLedger ledger)
{
    public const string MaintainedAccountId = "123456789012";
    public const string OtherAccountId = "210987654321";

    public async Task<IReadOnlyList<string>> SeedAsync(Guid companyId, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var admin = await db.People.Where(p => p.Role == PersonRole.Admin).OrderBy(p => p.Email).Select(p => p.Id).FirstAsync(cancellationToken);
        var representative = await db.People.Where(p => p.CompanyId == companyId && p.Role == PersonRole.Representative).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        var fiscalYear = FiscalYear.Current(clock);

        if (!await db.Contracts.AnyAsync(c => c.CompanyId == companyId, cancellationToken))
        {
            await enrolment.RecordContractAsync(companyId, ContractType.BillingAgency, fiscalYear.Previous.FirstDay, null, admin, cancellationToken);
            await enrolment.RecordContractAsync(companyId, ContractType.MonitoringMaintenance, fiscalYear.Previous.FirstDay, null, admin, cancellationToken);
            await ranks.RecordTransactionAmountAsync(companyId, fiscalYear.RankBasisCalendarYear, 12_500_000, admin, cancellationToken);
            lines.Add("created contracts of DEMO: AWS billing agency, monitoring/maintenance");
        }
        else
        {
            lines.Add("found contracts of DEMO");
        }

        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, cancellationToken);
        var verb = "found";
        if (company.Status != CompanyStatus.Active)
        {
            await enrolment.EnrolAsync(companyId, null, "デモデータ", admin, cancellationToken);
            var training = await ledger.ReserveAsync(new TicketSpendRequest(companyId, DemoApplication(1), 2, "TRAIN-1", representative), cancellationToken);
            await ledger.ConfirmAsync(training.Id, cancellationToken);
            var lite = await ledger.ReserveAsync(new TicketSpendRequest(companyId, DemoApplication(2), 5, "COST-L", representative), cancellationToken);
            await ledger.ReleaseAsync(lite.Id, TicketReleaseCause.CancelledByCustomer, "日程の都合がつかないため（デモ）", representative, cancellationToken);
            verb = "created";
        }

        var rank = await ranks.GetRankAsync(companyId, fiscalYear, cancellationToken);
        var balance = await ledger.GetBalanceAsync(companyId, fiscalYear, cancellationToken);
        lines.Add($"{verb} enrolment of DEMO: rank {rank}, {balance} tickets in {fiscalYear}");

        if (!await db.AwsAccounts.AnyAsync(a => a.CompanyId == companyId, cancellationToken))
        {
            var maintained = await accounts.LinkAsync(companyId, MaintainedAccountId, true, "本番環境", admin, cancellationToken);
            await accounts.SetMaintenanceAsync(maintained.Id, true, "DEMO_AWS", admin, cancellationToken);
            await accounts.LinkAsync(companyId, OtherAccountId, true, "検証環境", admin, cancellationToken);
            lines.Add($"created AWS accounts {MaintainedAccountId} (maintenance, Backlog DEMO_AWS) and {OtherAccountId}");
        }
        else
        {
            lines.Add("found AWS accounts of DEMO");
        }

        return lines;
    }

    // Fixed ids so a second run finds the same applications.
    private static Guid DemoApplication(int n) => new($"00000000-0000-7000-8000-{n:D12}");
}
