using CloudpackPlus.Core.Data;
using CloudpackPlus.Host.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CloudpackPlus.Host.Health;

/// <summary>Ready when PostgreSQL answers and every module's migrations are applied.</summary>
internal sealed class DatabaseReadyCheck(IServiceProvider services, IEnumerable<DatabaseModule> modules) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var behind = new List<string>();
            foreach (var module in modules.OrderBy(m => m.Order))
            {
                var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
                var pending = await DatabaseMigrator.PendingMigrationsAsync(db, cancellationToken);
                if (pending.Count > 0)
                {
                    behind.Add(module.Schema);
                }
            }

            return behind.Count == 0
                ? HealthCheckResult.Healthy("reachable and migrated")
                : HealthCheckResult.Unhealthy($"pending migrations in: {string.Join(", ", behind)}");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
