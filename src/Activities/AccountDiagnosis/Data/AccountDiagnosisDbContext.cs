using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudpackPlus.Activities.AccountDiagnosis.Data;

/// <summary>
/// What an ACCT-D diagnosis collected (schema <c>acctd</c>): one run per workflow instance with its checkpoint and
/// the changes it made, and the findings aggregated per control as they were paged in — never the findings themselves.
/// </summary>
public sealed class AccountDiagnosisDbContext(DbContextOptions<AccountDiagnosisDbContext> options) : DbContext(options)
{
    /// <summary>The module's schema.</summary>
    public const string Schema = "acctd";

    /// <summary>One row per diagnosis (workflow instance).</summary>
    public DbSet<DiagnosisRun> Runs => Set<DiagnosisRun>();

    /// <summary>Counts per control.</summary>
    public DbSet<DiagnosisControl> Controls => Set<DiagnosisControl>();

    /// <summary>Failing resources, capped per control.</summary>
    public DbSet<DiagnosisFailingResource> FailingResources => Set<DiagnosisFailingResource>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<DiagnosisRun>(b =>
        {
            b.ToTable("runs", t => t.HasCheckConstraint("ck_runs_counts", "findings_collected >= 0 AND pages >= 0"));
            b.HasKey(r => r.InstanceId);
            b.Property(r => r.AccountId).HasMaxLength(12);
            b.Property(r => r.Region).HasMaxLength(32);
            b.Property(r => r.NextToken).HasMaxLength(4096);
            b.Property(r => r.Changes).HasColumnType("jsonb");
            b.Property(r => r.Calls).HasColumnType("jsonb");
            b.HasIndex(r => r.ApplicationId);
        });
        modelBuilder.Entity<DiagnosisControl>(b =>
        {
            b.ToTable("controls");
            b.HasKey(c => new { c.InstanceId, c.ControlId });
            b.Property(c => c.ControlId).HasMaxLength(128);
            b.Property(c => c.Service).HasMaxLength(64);
            b.Property(c => c.Severity).HasMaxLength(16);
            b.Property(c => c.Title).HasMaxLength(512);
            b.Property(c => c.RemediationUrl).HasMaxLength(1024);
            b.HasOne<DiagnosisRun>().WithMany().HasForeignKey(c => c.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DiagnosisFailingResource>(b =>
        {
            b.ToTable("failing_resources");
            b.HasKey(r => new { r.InstanceId, r.ControlId, r.ResourceId });
            b.Property(r => r.ControlId).HasMaxLength(128);
            b.Property(r => r.ResourceId).HasMaxLength(1024);
            b.Property(r => r.ResourceType).HasMaxLength(128);
            b.HasOne<DiagnosisRun>().WithMany().HasForeignKey(r => r.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host.</summary>
public sealed class AccountDiagnosisDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AccountDiagnosisDbContext>
{
    /// <inheritdoc />
    public AccountDiagnosisDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AccountDiagnosisDbContext>();
        options.UseModuleNpgsql(ModuleDbContextOptions.DesignTimeConnectionString, AccountDiagnosisDbContext.Schema);
        return new AccountDiagnosisDbContext(options.Options);
    }
}
