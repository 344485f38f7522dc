using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Data;
using CloudpackPlus.Testing;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Integrations.Tests.Support;

/// <summary>A fresh database with the Integrations module's migrations applied.</summary>
public sealed class IntegrationsDatabase : TestDatabase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public IntegrationsDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<IntegrationsDbContext>();
        options.UseModuleNpgsql(ConnectionString, IntegrationsDbContext.Schema);
        return new IntegrationsDbContext(options.Options);
    }
}
