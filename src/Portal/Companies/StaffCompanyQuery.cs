using System.Data;
using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
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
/// choices, rank, balance, basic-service cycles) in one <see cref="NpgsqlBatch"/>: one round trip instead of one query
/// per panel. Staff only: reads past the tenant filter (the page's policy admits staff alone). The same rules as
/// Core's services: eligibility by <see cref="EnrolmentService.Evaluate"/>, the latest rank assignment of the fiscal
/// year (Regular for the basic-service allowance when none), the balance as the sum of the year's ledger entries.
/// </summary>
public sealed class StaffCompanyQuery(CoreDbContext db, TimeProvider clock)
{
    // $1 company, $2 fiscal year (start year). Columns in the order the readers below take them.
    private const string CompanySql = """
        SELECT id, code, name, created_at, status, enrolled_at, suspended_at, is_public_body, is_alliance_partner,
               is_served_through_third_party, industry, owning_csm_id, backup_csm_id, representative_email, xmin
        FROM core.companies WHERE id = $1
        """;

    private const string ContractsSql = """
        SELECT id, type, starts_on, ends_on, maintenance_scope, recorded_at, recorded_by
        FROM core.contracts WHERE company_id = $1 ORDER BY starts_on DESC, id
        """;

    private const string AccountsSql = """
        SELECT id, account_id, display_name, root_held_by_provider, under_maintenance_contract, backlog_project_key,
               linked_at, linked_by, unlinked_at, unlinked_by, xmin
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
               (SELECT COALESCE(SUM(amount), 0)::int FROM core.ticket_ledger WHERE company_id = $1 AND fiscal_year = $2)
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
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var batch = new NpgsqlBatch(connection) { Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction };
            foreach (var sql in (string[])[CompanySql, ContractsSql, AccountsSql, StaffSql, UsersSql, StandingSql, RanksSql, CyclesSql])
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.Add(new NpgsqlParameter { Value = companyId });
                if (sql.Contains("$2", StringComparison.Ordinal))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = year.StartYear });
                }

                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var company = await ReadAsync(reader, ReadCompany, cancellationToken);
            if (company.Count == 0)
            {
                return null;
            }

            var contracts = await NextAsync(reader, ReadContract, cancellationToken);
            var accounts = await NextAsync(reader, ReadAccount, cancellationToken);
            var staff = await NextAsync(reader, r => new Person
            {
                Id = r.GetGuid(0), Email = r.GetString(1), DisplayName = r.GetString(2), Role = Enum.Parse<PersonRole>(r.GetString(3)),
                CreatedAt = r.GetFieldValue<DateTimeOffset>(4), IsAway = r.GetBoolean(5),
            }, cancellationToken);
            var users = await NextAsync(reader, r => new PortalUser
            {
                Id = r.GetGuid(0), PersonId = r.GetGuid(1), CompanyId = companyId, DisplayName = r.GetString(2), Email = Text(r, 3),
                Role = Enum.Parse<PersonRole>(r.GetString(4)), TwoFactorEnabled = r.GetBoolean(5), MustChangePassword = r.GetBoolean(6),
                CreatedAt = r.GetFieldValue<DateTimeOffset>(7),
            }, cancellationToken);
            var standing = await NextAsync(reader, r => (Rank: Text(r, 0), Balance: r.GetInt32(1)), cancellationToken);
            var definitions = await NextAsync(reader, r => new RankDefinition
            {
                Rank = Enum.Parse<Rank>(r.GetString(0)), NameJa = r.GetString(1), NameEn = r.GetString(2),
                BasicProposalsPerYear = r.GetInt32(3), TicketsPerYear = r.GetInt32(4),
            }, cancellationToken);
            var cycles = await NextAsync(reader, r => new BasicServiceProposal
            {
                Id = r.GetGuid(0), CompanyId = companyId, FiscalYear = year.StartYear, Title = r.GetString(1), StartedBy = r.GetGuid(2),
                StartedAt = r.GetFieldValue<DateTimeOffset>(3), Status = Enum.Parse<BasicCycleStatus>(r.GetString(4)),
                WorkflowInstanceId = r.IsDBNull(5) ? null : r.GetGuid(5), DeliveredAt = Stamp(r, 6),
            }, cancellationToken);

            var assigned = standing[0].Rank is { } rankName ? Enum.Parse<Rank>(rankName) : (Rank?)null;
            var definition = definitions.FirstOrDefault(d => d.Rank == assigned);
            // As BasicServiceAllowanceService.GetAsync: a company without a rank this year counts as Regular; cancelled cycles do not count.
            var allowanceRank = assigned ?? Rank.Regular;
            var counted = cycles.Where(c => c.Status != BasicCycleStatus.Cancelled).ToList();
            var allowance = new BasicServiceAllowance(allowanceRank, definitions.FirstOrDefault(d => d.Rank == allowanceRank)?.BasicProposalsPerYear ?? 0,
                counted.Count(c => c.DeliveredAt is not null), counted.Count(c => c.DeliveredAt is null));
            var inForce = contracts.Where(c => c.IsInForceOn(today)).Select(c => c.Type).ToList();
            return new StaffCompanyData(company[0], contracts, EnrolmentService.Evaluate(company[0], inForce), accounts, staff, users,
                definition, standing[0].Balance, allowance, cycles);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static CompanyEntity ReadCompany(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0), Code = r.GetString(1), Name = r.GetString(2), CreatedAt = r.GetFieldValue<DateTimeOffset>(3),
        Status = Enum.Parse<CompanyStatus>(r.GetString(4)), EnrolledAt = Stamp(r, 5), SuspendedAt = Stamp(r, 6),
        IsPublicBody = r.GetBoolean(7), IsAlliancePartner = r.GetBoolean(8), IsServedThroughThirdParty = r.GetBoolean(9),
        Industry = Text(r, 10), OwningCsmId = Id(r, 11), BackupCsmId = Id(r, 12), RepresentativeEmail = Text(r, 13),
        RowVersion = r.GetFieldValue<uint>(14),
    };

    private static Contract ReadContract(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0), Type = Enum.Parse<ContractType>(r.GetString(1)), StartsOn = r.GetFieldValue<DateOnly>(2),
        EndsOn = r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3), MaintenanceScope = Text(r, 4),
        RecordedAt = r.GetFieldValue<DateTimeOffset>(5), RecordedBy = Id(r, 6),
    };

    private static AwsAccount ReadAccount(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0), AccountId = r.GetString(1), DisplayName = Text(r, 2), RootHeldByProvider = r.GetBoolean(3),
        UnderMaintenanceContract = r.GetBoolean(4), BacklogProjectKey = Text(r, 5), LinkedAt = r.GetFieldValue<DateTimeOffset>(6),
        LinkedBy = Id(r, 7), UnlinkedAt = Stamp(r, 8), UnlinkedBy = Id(r, 9), RowVersion = r.GetFieldValue<uint>(10),
    };

    private static async Task<List<T>> NextAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken);
        return await ReadAsync(reader, read, cancellationToken);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static Guid? Id(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);

    private static DateTimeOffset? Stamp(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
