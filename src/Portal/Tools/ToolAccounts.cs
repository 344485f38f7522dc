using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Tools;
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
public sealed class ToolAccounts(CoreDbContext db)
{
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
