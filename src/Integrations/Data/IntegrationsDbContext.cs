using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudpackPlus.Integrations.Data;

/// <summary>Integration secrets and settings per company (schema <c>integrations</c>).</summary>
public sealed class IntegrationsDbContext(DbContextOptions<IntegrationsDbContext> options) : DbContext(options)
{
    public const string Schema = "integrations";

    public DbSet<CompanyAwsTrust> AwsTrusts => Set<CompanyAwsTrust>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<CompanyAwsTrust>(b =>
        {
            b.ToTable("company_aws_trusts");
            b.HasKey(t => t.CompanyId);
            b.Property(t => t.ExternalId).HasMaxLength(1000);
            b.HasIndex(t => t.ExternalId).IsUnique();
        });
    }
}

/// <summary>The external id a company's IAM roles require of the portal (confused-deputy protection).</summary>
public sealed class CompanyAwsTrust
{
    public Guid CompanyId { get; init; }

    /// <summary>Random, unguessable; shown only to the company's representative and put in AssumeRole calls. Stored encrypted (<see cref="Aws.Trust.ExternalIdStore"/>).</summary>
    public required string ExternalId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RotatedAt { get; set; }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host.</summary>
public sealed class IntegrationsDbContextDesignTimeFactory : IDesignTimeDbContextFactory<IntegrationsDbContext>
{
    public IntegrationsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IntegrationsDbContext>();
        options.UseModuleNpgsql(ModuleDbContextOptions.DesignTimeConnectionString, IntegrationsDbContext.Schema);
        return new IntegrationsDbContext(options.Options);
    }
}
