using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Mail;
using CloudpackPlus.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudpackPlus.Portal.Identity;

/// <summary>
/// Sign-in accounts (ASP.NET Core Identity), the mail outbox and the portal's audit trail, in
/// schema <c>identity</c>. Accounts are filtered by the tenant's company (tenant isolation in
/// the data layer): a customer's queries never see another company's accounts. A tenant without
/// a company (staff, system, or an anonymous request signing in) sees every account.
/// </summary>
public sealed class PortalIdentityDbContext(DbContextOptions<PortalIdentityDbContext> options, ICurrentTenant tenant)
    : IdentityDbContext<PortalUser, IdentityRole<Guid>, Guid>(options)
{
    public const string Schema = "identity";

    public DbSet<MailOutboxMessage> MailOutbox => Set<MailOutboxMessage>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Nudges.TicketLapseNudge> TicketLapseNudges => Set<Nudges.TicketLapseNudge>();

    // Read by the query filter at each query execution, not at model build.
    private Guid? ScopeCompanyId => tenant.CompanyId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        base.OnModelCreating(builder);
        // Snake-case names like every other module (Identity's defaults are AspNetUsers etc.).
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<PortalUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.Role).HasConversion<string>().HasMaxLength(32);
            user.Property(u => u.Culture).HasMaxLength(10);
            user.Property(u => u.TotpSecretProtected).HasMaxLength(1000);
            user.HasIndex(u => u.PersonId).IsUnique();
            user.HasIndex(u => u.CompanyId);
            user.HasQueryFilter(u => ScopeCompanyId == null || u.CompanyId == ScopeCompanyId);
        });
        builder.ApplyConfiguration(new MailOutboxMessageConfiguration());
        builder.ApplyConfiguration(new AuditEntryConfiguration());
        builder.ApplyConfiguration(new Nudges.TicketLapseNudgeConfiguration());
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host.</summary>
public sealed class PortalIdentityDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PortalIdentityDbContext>
{
    public PortalIdentityDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalIdentityDbContext>();
        options.UseModuleNpgsql(ModuleDbContextOptions.DesignTimeConnectionString, PortalIdentityDbContext.Schema);
        return new PortalIdentityDbContext(options.Options, SystemTenant.Instance);
    }
}
