using CloudpackPlus.Core.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudpackPlus.Host.Data;

/// <summary>Web-tier state shared by every host process: the data-protection key ring.</summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "host";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host.</summary>
public sealed class HostDbContextDesignTimeFactory : IDesignTimeDbContextFactory<HostDbContext>
{
    public HostDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HostDbContext>();
        options.UseModuleNpgsql(ModuleDbContextOptions.DesignTimeConnectionString, HostDbContext.Schema);
        return new HostDbContext(options.Options);
    }
}
