using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudpackPlus.Integrations.Aws.Trust;

/// <summary>
/// At start (after the host's migrations, which are registered before the modules): encrypts the external ids stored
/// as plain text before issue #17. A schema not migrated yet is left for the next start.
/// </summary>
internal sealed partial class ExternalIdProtectionStartup(IServiceScopeFactory scopes, ILogger<ExternalIdProtectionStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var count = await scope.ServiceProvider.GetRequiredService<ExternalIdStore>().ProtectLegacyAsync(cancellationToken);
            if (count > 0)
            {
                LogProtected(logger, count);
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            LogNotMigrated(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Encrypted {Count} external ids stored as plain text")]
    private static partial void LogProtected(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "External ids not checked for encryption: the integrations schema is not migrated yet")]
    private static partial void LogNotMigrated(ILogger logger);
}
