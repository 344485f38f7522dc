using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Aws;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Integrations.Accounts;

/// <summary>A simulated linked account, named by company code so the demo company can be configured.</summary>
public sealed class SimulatedLinkedAccountOptions
{
    public string CompanyCode { get; set; } = "";

    public string AccountId { get; set; } = "";

    public bool UnderMaintenanceContract { get; set; }

    public string? BacklogProjectKey { get; set; }
}

/// <summary>
/// Aws:Mode=Simulated only, until Core's linked accounts implement <see cref="ILinkedAccountDirectory"/>:
/// the accounts listed in <c>Aws:SimulatedLinkedAccounts</c> (default: two for the demo company DEMO).
/// </summary>
public sealed class SimulatedLinkedAccountDirectory(IServiceScopeFactory scopes, IOptions<AwsOptions> options) : ILinkedAccountDirectory
{
    public async Task<LinkedAwsAccount?> FindAsync(Guid companyId, string accountId, CancellationToken cancellationToken)
    {
        var entry = options.Value.SimulatedLinkedAccounts.FirstOrDefault(a => a.AccountId == accountId);
        if (entry is null)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var owner = await db.Companies.AsNoTracking().Where(c => c.Code == entry.CompanyCode).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        return owner == companyId ? new LinkedAwsAccount(companyId, accountId, entry.UnderMaintenanceContract, entry.BacklogProjectKey) : null;
    }
}
