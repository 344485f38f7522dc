using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Core.Tools;
using CloudpackPlus.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Tools;

/// <summary>A linked account as the tools show it: its name and where its read-only role stands.</summary>
public sealed record ToolAccount(string AccountId, string? DisplayName, AwsToolConnection? Connection)
{
    public AwsConnectionState State => Connection?.State ?? AwsConnectionState.NotConnected;

    /// <summary>Whether the tools may read the account (assumed at the last test, even if a permission is missing).</summary>
    public bool Usable => State is AwsConnectionState.Connected or AwsConnectionState.MissingPermissions;
}

/// <summary>The company's linked accounts (ELIG-3) with their tool connection; another company's account is never found.</summary>
public sealed class ToolAccounts(CoreDbContext db, TimeProvider clock)
{
    // $1 company. Linked accounts only (an unlinked one is history), as Core's filter gives them.
    private const string AccountsSql = "SELECT account_id, display_name FROM core.aws_accounts WHERE company_id = $1 AND unlinked_at IS NULL ORDER BY account_id";

    private const string ConnectionsSql = """
        SELECT account_id, state, missing_permissions, support_plan, error_kind, checked_at, checked_by
        FROM core.aws_tool_connections WHERE company_id = $1
        """;

    private const string RulesSql = "SELECT contract_type FROM core.tool_access_rules WHERE tool = $1";

    private const string ContractsSql = "SELECT type, starts_on, ends_on FROM core.contracts WHERE company_id = $1";

    /// <summary>
    /// Issue #17: <see cref="ListAsync"/> and, for a tool, <see cref="ToolGate.DecideAsync"/> (TOOL-3) as statements of the
    /// page's batch; the function gives both once it has run (the decision allows when no tool is asked about).
    /// </summary>
    public Func<(IReadOnlyList<ToolAccount> Accounts, ToolDecision Decision)> AddTo(OneBatch batch, Guid companyId, CustomerTool? tool)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var today = Tokyo.Today(clock);
        var accounts = batch.Add(AccountsSql, r => (Id: r.GetString(0), Name: r.Text(1)), companyId);
        var connections = batch.Add(ConnectionsSql, r => new AwsToolConnection
        {
            CompanyId = companyId, AccountId = r.GetString(0), State = r.Enum<AwsConnectionState>(1), MissingPermissions = r.Text(2),
            SupportPlan = r.IsDBNull(3) ? null : r.GetBoolean(3), ErrorKind = r.Text(4), CheckedAt = r.Stamp(5), CheckedBy = r.Id(6),
        }, companyId);
        var rules = tool is { } t ? batch.Add(RulesSql, r => r.Enum<ContractType>(0), t.ToString()) : null;
        var contracts = tool is not null
            ? batch.Add(ContractsSql, r => new Contract
            {
                CompanyId = companyId, Type = r.Enum<ContractType>(0), StartsOn = r.GetFieldValue<DateOnly>(1), EndsOn = r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2),
            }, companyId)
            : null;
        return () => (
            accounts.Rows.Select(a => new ToolAccount(a.Id, a.Name, connections.Rows.FirstOrDefault(c => c.AccountId == a.Id))).ToList(),
            rules is null || contracts is null
                ? new ToolDecision(true, [])
                : ToolGate.Decide(rules.Rows, contracts.Rows.Where(c => c.IsInForceOn(today)).Select(c => c.Type)));
    }

    public async Task<IReadOnlyList<ToolAccount>> ListAsync(Guid companyId, CancellationToken cancellationToken)
    {
        var accounts = await db.AwsAccounts.AsNoTracking().Where(a => a.CompanyId == companyId).OrderBy(a => a.AccountId)
            .Select(a => new { a.AccountId, a.DisplayName }).ToListAsync(cancellationToken);
        var connections = await db.AwsToolConnections.AsNoTracking().Where(c => c.CompanyId == companyId).ToListAsync(cancellationToken);
        return accounts.Select(a => new ToolAccount(a.AccountId, a.DisplayName, connections.FirstOrDefault(c => c.AccountId == a.AccountId))).ToList();
    }

    /// <summary>The account when it is linked to the company, else null (the page answers 404).</summary>
    public async Task<ToolAccount?> FindAsync(Guid companyId, string? accountId, CancellationToken cancellationToken)
    {
        if (accountId is null)
        {
            return null;
        }

        var all = await ListAsync(companyId, cancellationToken);
        return all.FirstOrDefault(a => a.AccountId == accountId);
    }
}
