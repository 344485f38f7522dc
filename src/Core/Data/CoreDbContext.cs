using System.Linq.Expressions;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.FiscalYears;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Reports;
using CloudpackPlus.Core.Tenancy;
using CloudpackPlus.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudpackPlus.Core.Data;

/// <summary>
/// The programme's domain data. Every <see cref="ICompanyOwned"/> entity is filtered by the
/// <see cref="ICurrentTenant"/> the context was created with, so a customer's unit of work can
/// never read another company's rows.
/// </summary>
public sealed class CoreDbContext : DbContext
{
    public const string Schema = "core";

    private readonly ICurrentTenant _tenant;

    public CoreDbContext(DbContextOptions<CoreDbContext> options)
        : this(options, SystemTenant.Instance)
    {
    }

    public CoreDbContext(DbContextOptions<CoreDbContext> options, ICurrentTenant tenant)
        : base(options)
    {
        _tenant = tenant ?? SystemTenant.Instance;
    }

    public ICurrentTenant Tenant => _tenant;

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<AwsAccount> AwsAccounts => Set<AwsAccount>();

    public DbSet<RankDefinition> RankDefinitions => Set<RankDefinition>();

    public DbSet<RankThresholds> RankThresholds => Set<RankThresholds>();

    public DbSet<AmountImportBatch> AmountImportBatches => Set<AmountImportBatch>();

    public DbSet<RankAssignment> RankAssignments => Set<RankAssignment>();

    public DbSet<AnnualTransaction> AnnualTransactions => Set<AnnualTransaction>();

    public DbSet<TicketAccount> TicketAccounts => Set<TicketAccount>();

    public DbSet<TicketLedgerEntry> TicketLedger => Set<TicketLedgerEntry>();

    public DbSet<TicketReservation> TicketReservations => Set<TicketReservation>();

    public DbSet<BasicServiceProposal> BasicServiceProposals => Set<BasicServiceProposal>();

    public DbSet<QuoteRequest> QuoteRequests => Set<QuoteRequest>();

    public DbSet<CatalogueEntry> Catalogue => Set<CatalogueEntry>();

    public DbSet<CatalogueChange> CatalogueChanges => Set<CatalogueChange>();

    public DbSet<ApplyFormVersion> ApplyFormVersions => Set<ApplyFormVersion>();

    public DbSet<CalendarOverride> CalendarOverrides => Set<CalendarOverride>();

    public DbSet<ServiceApplication> Applications => Set<ServiceApplication>();

    public DbSet<ApplicationMessage> ApplicationMessages => Set<ApplicationMessage>();

    public DbSet<MessageAttachment> MessageAttachments => Set<MessageAttachment>();

    public DbSet<ApplicationFile> ApplicationFiles => Set<ApplicationFile>();

    public DbSet<ApplicationEvent> ApplicationEvents => Set<ApplicationEvent>();

    public DbSet<Terms.TermsDocument> TermsDocuments => Set<Terms.TermsDocument>();

    public DbSet<TrainingTopic> TrainingTopics => Set<TrainingTopic>();

    public DbSet<WebScan.ChecklistItem> ChecklistItems => Set<WebScan.ChecklistItem>();

    public DbSet<WebScan.PartnerAssignment> PartnerAssignments => Set<WebScan.PartnerAssignment>();

    public DbSet<WebScan.ScanFinding> ScanFindings => Set<WebScan.ScanFinding>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<RolloverRun> RolloverRuns => Set<RolloverRun>();

    public DbSet<RolloverCompanyResult> RolloverCompanyResults => Set<RolloverCompanyResult>();

    public DbSet<ReportTemplate> ReportTemplates => Set<ReportTemplate>();

    public DbSet<GeneratedReport> Reports => Set<GeneratedReport>();

    public DbSet<Tools.ToolAccessRule> ToolAccessRules => Set<Tools.ToolAccessRule>();

    public DbSet<Tools.AwsToolConnection> AwsToolConnections => Set<Tools.AwsToolConnection>();

    public DbSet<Tools.AwsToolSnapshot> AwsToolSnapshots => Set<Tools.AwsToolSnapshot>();

    public DbSet<Csat.SatisfactionSurvey> SatisfactionSurveys => Set<Csat.SatisfactionSurvey>();

    // Read by the query filters per context instance (EF parameterises members of the context).
    private bool TenantIsStaff => _tenant.IsStaff;

    private Guid? TenantCompanyId => _tenant.CompanyId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CoreDbContext).Assembly);
        modelBuilder.HasSequence<long>("application_numbers");

        modelBuilder.Entity<Company>().HasQueryFilter(c => TenantIsStaff || c.Id == TenantCompanyId);
        modelBuilder.Entity<Person>().HasQueryFilter(p => TenantIsStaff || p.CompanyId == TenantCompanyId);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (typeof(ICompanyOwned).IsAssignableFrom(entity.ClrType) && entity.ClrType != typeof(Company))
            {
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(OwnedFilter(entity.ClrType));
            }
        }

        // An unlinked AWS account is history: everyday reads see linked accounts only (IgnoreQueryFilters for the history).
        modelBuilder.Entity<AwsAccount>().HasQueryFilter(a => (TenantIsStaff || a.CompanyId == TenantCompanyId) && a.UnlinkedAt == null);
    }

    private LambdaExpression OwnedFilter(Type type)
    {
        // e => this.TenantIsStaff || e.CompanyId == this.TenantCompanyId
        var e = Expression.Parameter(type, "e");
        var self = Expression.Constant(this);
        var isStaff = Expression.Property(self, nameof(TenantIsStaff));
        var tenantCompany = Expression.Property(self, nameof(TenantCompanyId));
        var companyId = Expression.Convert(Expression.Property(e, nameof(ICompanyOwned.CompanyId)), typeof(Guid?));
        return Expression.Lambda(Expression.OrElse(isStaff, Expression.Equal(companyId, tenantCompany)), e);
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host.</summary>
public sealed class CoreDbContextDesignTimeFactory : IDesignTimeDbContextFactory<CoreDbContext>
{
    public CoreDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CoreDbContext>();
        options.UseModuleNpgsql(ModuleDbContextOptions.DesignTimeConnectionString, CoreDbContext.Schema);
        return new CoreDbContext(options.Options);
    }
}
