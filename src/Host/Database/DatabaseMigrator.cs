using System.Runtime.CompilerServices;
using CloudpackPlus.Core.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CloudpackPlus.Host.Database;

/// <summary>Brings every module's schema, and Hangfire's, up to date; then optionally seeds the demo.</summary>
public sealed partial class DatabaseMigrator(
    IServiceProvider services,
    IEnumerable<DatabaseModule> modules,
    NpgsqlDataSource dataSource,
    ILogger<DatabaseMigrator> logger)
{
    // Several hosts may start at once against one database: only one migrates at a time.
    private const long MigrationLockKey = 0x434C4F5544504B; // "CLOUDPK"

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", MigrationLockKey);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using var scope = services.CreateAsyncScope();
            await foreach (var (module, context, pending) in PendingByModuleAsync(scope.ServiceProvider, cancellationToken))
            {
                if (pending.Count > 0)
                {
                    LogApplying(module.Schema, pending.Count, string.Join(", ", pending));
                    // Created up front so EF does not log a failed probe of a missing history table.
                    await context.Database.ExecuteSqlRawAsync(
                        context.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
                    await context.Database.MigrateAsync(cancellationToken);
                }
            }

            // Resolving the storage runs Hangfire.PostgreSql's own schema installer.
            _ = scope.ServiceProvider.GetRequiredService<JobStorage>();
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The schemas with migrations not yet applied (the readiness check).</summary>
    public async Task<IReadOnlyList<string>> SchemasBehindAsync(CancellationToken cancellationToken)
    {
        var behind = new List<string>();
        await using var scope = services.CreateAsyncScope();
        await foreach (var (module, _, pending) in PendingByModuleAsync(scope.ServiceProvider, cancellationToken))
        {
            if (pending.Count > 0)
            {
                behind.Add(module.Schema);
            }
        }

        return behind;
    }

    /// <summary>Each module in migration order with its context and pending migrations, read just before it is yielded.</summary>
    private async IAsyncEnumerable<(DatabaseModule Module, DbContext Context, IReadOnlyList<string> Pending)> PendingByModuleAsync(
        IServiceProvider scoped, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var module in modules.OrderBy(m => m.Order))
        {
            var context = (DbContext)scoped.GetRequiredService(module.ContextType);
            yield return (module, context, await PendingMigrationsAsync(context, cancellationToken));
        }
    }

    /// <summary>
    /// The module's migrations not yet applied. Looks for the history table first, so a
    /// fresh database does not log a failed query per module.
    /// </summary>
    private static async Task<IReadOnlyList<string>> PendingMigrationsAsync(DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schema = context.Model.GetDefaultSchema() ?? "public";
        var exists = await context.Database
            .SqlQuery<bool>($"SELECT to_regclass(format('%I.%I', {schema}::text, {ModuleDbContextOptions.HistoryTable}::text)) IS NOT NULL AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!exists)
        {
            return context.Database.GetMigrations().ToList();
        }

        return (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }

    public async Task<IReadOnlyList<string>> SeedDemoAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await using var scope = services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            lines.AddRange(await seeder.SeedAsync(cancellationToken));
        }

        foreach (var line in lines)
        {
            LogSeeded(line);
        }

        return lines;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to schema {Schema}: {Migrations}")]
    private partial void LogApplying(string schema, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo seed: {Line}")]
    private partial void LogSeeded(string line);
}
