using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Tenancy;
using CloudpackPlus.Testing;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Tests.Data;

/// <summary>A fresh database with the Core module's migrations applied.</summary>
public sealed class CoreDatabaseFixture : TestDatabase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public CoreDbContext CreateContext(ICurrentTenant? tenant = null)
    {
        var options = new DbContextOptionsBuilder<CoreDbContext>();
        options.UseModuleNpgsql(ConnectionString, CoreDbContext.Schema);
        return new CoreDbContext(options.Options, tenant ?? SystemTenant.Instance);
    }
}
