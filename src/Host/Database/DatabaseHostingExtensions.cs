using CloudpackPlus.Core;
using CloudpackPlus.Host.Data;
using CloudpackPlus.Portal.Security;
using Microsoft.AspNetCore.DataProtection;

namespace CloudpackPlus.Host.Database;

/// <summary>Wires PostgreSQL: the shared data source, every module's DbContext, migrations and data protection.</summary>
public static class DatabaseHostingExtensions
{
    public const string ConnectionStringName = "CloudpackPlus";

    public static WebApplicationBuilder AddCloudpackDatabase(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No database configured. Set ConnectionStrings:{ConnectionStringName} " +
                $"(environment variable ConnectionStrings__{ConnectionStringName}) to a PostgreSQL 15+ connection string, " +
                "or start the platform with scripts/run.sh, which starts a local PostgreSQL.");
        }

        builder.Services.AddCloudpackDatabase(connectionString);
        builder.Services.AddCloudpackModuleDbContext<HostDbContext>(HostDbContext.Schema, order: 100);
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database");
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddHostedService<DatabaseStartupService>();

        builder.Services.AddDataProtection()
            .SetApplicationName("CloudpackPlus")
            .PersistKeysToDbContext<HostDbContext>()
            .ProtectKeysFromConfiguration(builder.Configuration, builder.Environment);
        return builder;
    }
}
