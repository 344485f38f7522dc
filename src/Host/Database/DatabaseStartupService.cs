using Microsoft.Extensions.Options;

namespace CloudpackPlus.Host.Database;

/// <summary>
/// Runs before the other hosted services (it is registered first), so Hangfire and
/// the web tier never see an unmigrated database.
/// </summary>
internal sealed class DatabaseStartupService(DatabaseMigrator migrator, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        if (options.Value.SeedDemoOnStart)
        {
            await migrator.SeedDemoAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
