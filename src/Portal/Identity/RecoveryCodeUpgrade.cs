using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudpackPlus.Portal.Identity;

/// <summary>
/// The data migration of recovery codes: on start (after the schema migrations, which run in an earlier hosted service)
/// every row still holding first-version codes (unsalted SHA-256) is re-hashed with Identity's hasher. Idempotent.
/// </summary>
internal sealed class RecoveryCodeUpgrade(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<PortalUser>>();
        if ((await identity.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return; // not migrated (MigrateOnStart off): the next start does it
        }

        var tokens = await identity.Set<IdentityUserToken<Guid>>().IgnoreQueryFilters()
            .Where(t => t.LoginProvider == PortalUserStore.TokenProvider && t.Name == PortalUserStore.TokenName && t.Value != null && t.Value != "")
            .ToListAsync(cancellationToken);
        var users = await identity.Users.IgnoreQueryFilters().Where(u => tokens.Select(t => t.UserId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        foreach (var token in tokens)
        {
            var codes = token.Value!.Split(';', StringSplitOptions.RemoveEmptyEntries);
            if (codes.Any(PortalUserStore.IsLegacy) && users.TryGetValue(token.UserId, out var user))
            {
                token.Value = string.Join(";", PortalUserStore.UpgradeLegacy(user, codes, hasher));
            }
        }

        await identity.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
