using CloudpackPlus.Host.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CloudpackPlus.Host.Health;

/// <summary>Ready when PostgreSQL answers and every module's migrations are applied.</summary>
internal sealed class DatabaseReadyCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var behind = await migrator.SchemasBehindAsync(cancellationToken);
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
