using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Identity;
using CompanyEntity = CloudpackPlus.Core.Companies.Company;

namespace CloudpackPlus.Portal.Companies;

/// <summary>Everything the staff company page (/Staff/Companies/{id}) shows, read in one round trip.</summary>
public sealed record StaffCompanyData(
    CompanyEntity Company,
    IReadOnlyList<Contract> Contracts,
    EligibilityResult Eligibility,
    IReadOnlyList<AwsAccount> AccountHistory,
    IReadOnlyList<Person> StaffMembers,
    IReadOnlyList<PortalUser> Users,
    RankDefinition? Rank,
    int Balance,
    BasicServiceAllowance BasicAllowance,
    IReadOnlyList<BasicServiceProposal> BasicCycles);

/// <summary>
/// Issue #14 performance: the staff company page's panels (standing, eligibility, contracts, AWS accounts, users, CSM
/// choices, rank, balance, basic-service cycles) as statements of one <see cref="OneBatch"/>: one round trip instead of
/// one query per panel. Staff only: reads past the tenant filter (the page's policy admits staff alone). The same rules
/// as Core's services: eligibility by <see cref="EnrolmentService.Evaluate"/>, the latest rank assignment of the fiscal
/// year (Regular for the basic-service allowance when none), the balance as the sum of the year's ledger entries (kept
/// in core.ticket_balances by the ledger's trigger, as <see cref="CompanyOverview"/> reads it).
/// </summary>
public sealed class StaffCompanyQuery(CoreDbContext db, TimeProvider clock)
{
    // $1 company, $2 fiscal year (start year).
    private const string CompanySql = "SELECT " + CoreRows.CompanyColumns + " FROM core.companies WHERE id = $1";

    private const string ContractsSql = "SELECT " + CoreRows.ContractColumns + " FROM core.contracts WHERE company_id = $1 ORDER BY starts_on DESC, id";

    private const string AccountsSql = "SELECT " + CoreRows.AccountColumns + """
         FROM core.aws_accounts WHERE company_id = $1 ORDER BY unlinked_at IS NOT NULL, linked_at DESC
        """;

    private const string StaffSql = """
        SELECT id, email, display_name, role, created_at, is_away FROM core.people
        WHERE company_id IS NULL AND $1::uuid IS NOT NULL ORDER BY display_name, id
        """;

    private const string UsersSql = """
        SELECT id, person_id, display_name, email, role, two_factor_enabled, must_change_password, created_at
        FROM identity.users WHERE company_id = $1 ORDER BY role, display_name
        """;

    private const string StandingSql = """
        SELECT (SELECT rank FROM core.rank_assignments WHERE company_id = $1 AND fiscal_year = $2 ORDER BY id DESC LIMIT 1),
               COALESCE((SELECT remaining FROM core.ticket_balances WHERE company_id = $1 AND fiscal_year = $2), 0)
        """;

    private const string RanksSql = """
        SELECT rank, name_ja, name_en, basic_proposals_per_year, tickets_per_year FROM core.rank_definitions WHERE $1::uuid IS NOT NULL
        """;

    private const string CyclesSql = """
        SELECT id, title, started_by, started_at, status, workflow_instance_id, delivered_at
        FROM core.basic_service_proposals WHERE company_id = $1 AND fiscal_year = $2 ORDER BY started_at DESC
        """;

    /// <summary>The page's data, or null when the company does not exist.</summary>
    public async Task<StaffCompanyData?> LoadAsync(Guid companyId, CancellationToken cancellationToken)
    {
        var today = Tokyo.Today(clock);
        var year = FiscalYear.Of(today);
        var batch = new OneBatch();
        var company = batch.Add(CompanySql, CoreRows.Company, companyId);
        var contracts = batch.Add(ContractsSql, CoreRows.Contract, companyId);
        var accounts = batch.Add(AccountsSql, CoreRows.Account, companyId);
        var staff = batch.Add(StaffSql, r => new Person
        {
            Id = r.GetGuid(0), Email = r.GetString(1), DisplayName = r.GetString(2), Role = r.Enum<PersonRole>(3),
            CreatedAt = r.At(4), IsAway = r.GetBoolean(5),
        }, companyId);
        var users = batch.Add(UsersSql, r => new PortalUser
        {
            Id = r.GetGuid(0), PersonId = r.GetGuid(1), CompanyId = companyId, DisplayName = r.GetString(2), Email = r.Text(3),
            Role = r.Enum<PersonRole>(4), TwoFactorEnabled = r.GetBoolean(5), MustChangePassword = r.GetBoolean(6), CreatedAt = r.At(7),
        }, companyId);
        var standing = batch.Add(StandingSql, r => (Rank: r.Text(0), Balance: r.GetInt32(1)), companyId, year.StartYear);
        var definitions = batch.Add(RanksSql, r => new RankDefinition
        {
            Rank = r.Enum<Rank>(0), NameJa = r.GetString(1), NameEn = r.GetString(2),
            BasicProposalsPerYear = r.GetInt32(3), TicketsPerYear = r.GetInt32(4),
        }, companyId);
        var cycles = batch.Add(CyclesSql, r => new BasicServiceProposal
        {
            Id = r.GetGuid(0), CompanyId = companyId, FiscalYear = year.StartYear, Title = r.GetString(1), StartedBy = r.GetGuid(2),
            StartedAt = r.At(3), Status = r.Enum<BasicCycleStatus>(4), WorkflowInstanceId = r.Id(5), DeliveredAt = r.Stamp(6),
        }, companyId, year.StartYear);
        await batch.RunAsync(db, cancellationToken);
        if (company.FirstOrDefault is not { } found)
        {
            return null;
        }

        var assigned = standing.Rows[0].Rank is { } rankName ? Enum.Parse<Rank>(rankName) : (Rank?)null;
        var definition = definitions.Rows.FirstOrDefault(d => d.Rank == assigned);
        // As BasicServiceAllowanceService.GetAsync: a company without a rank this year counts as Regular; cancelled cycles do not count.
        var allowanceRank = assigned ?? Rank.Regular;
        var counted = cycles.Rows.Where(c => c.Status != BasicCycleStatus.Cancelled).ToList();
        var allowance = new BasicServiceAllowance(allowanceRank, definitions.Rows.FirstOrDefault(d => d.Rank == allowanceRank)?.BasicProposalsPerYear ?? 0,
            counted.Count(c => c.DeliveredAt is not null), counted.Count(c => c.DeliveredAt is null));
        var inForce = contracts.Rows.Where(c => c.IsInForceOn(today)).Select(c => c.Type).ToList();
        return new StaffCompanyData(found, contracts.Rows, EnrolmentService.Evaluate(found, inForce), accounts.Rows, staff.Rows, users.Rows,
            definition, standing.Rows[0].Balance, allowance, cycles.Rows);
    }
}
