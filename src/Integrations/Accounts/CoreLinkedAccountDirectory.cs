using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Integrations.Accounts;

/// <summary>
/// The linked AWS accounts Core keeps (ELIG-3, BAS-4), in every AWS mode: the simulated demo
/// reads the same accounts the demo seed links, so what the portal shows and what the
/// simulation answers never disagree.
/// </summary>
public sealed class CoreLinkedAccountDirectory(IServiceScopeFactory scopes) : ILinkedAccountDirectory
{
    public async Task<LinkedAwsAccount?> FindAsync(Guid companyId, string accountId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        return await db.AwsAccounts.AsNoTracking()
            .Where(a => a.CompanyId == companyId && a.AccountId == accountId)
            .Select(a => new LinkedAwsAccount(a.CompanyId, a.AccountId, a.UnderMaintenanceContract, a.BacklogProjectKey))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
