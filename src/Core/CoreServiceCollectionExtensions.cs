using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Demo;
using CloudpackPlus.Core.FiscalYears;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tenancy;
using CloudpackPlus.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace CloudpackPlus.Core;

/// <summary>Registers the database plumbing shared by every module, and the Core module itself.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>One pooled data source for the whole process, from the given connection string.</summary>
    public static IServiceCollection AddCloudpackDatabase(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => CloudpackDataSource.Create(connectionString));
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Registers a module's DbContext on the shared data source, in its own schema.</summary>
    public static IServiceCollection AddCloudpackModuleDbContext<TContext>(
        this IServiceCollection services, string schema, int order)
        where TContext : DbContext
    {
        // The options depend on the process's one data source only, so they are built once (singleton), not per request:
        // per-scope options cost every request a rebuild and EF's service-provider cache lookup (issue #17's profile).
        services.AddDbContext<TContext>(
            (sp, options) => options.UseModuleNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), schema),
            contextLifetime: ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton(new DatabaseModule(typeof(TContext), schema, order));
        return services;
    }

    /// <summary>
    /// The Core module: domain data, its services and its demo seed. The tenant defaults to the
    /// unrestricted <see cref="SystemTenant"/>; the portal replaces it with the signed-in user's.
    /// </summary>
    public static IServiceCollection AddCloudpackCore(this IServiceCollection services)
    {
        services.AddCloudpackModuleDbContext<CoreDbContext>(CoreDbContext.Schema, order: 0);
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeeder, CoreDemoSeeder>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ICurrentTenant>(_ => SystemTenant.Instance);
        services.AddOptions<BusinessCalendarOptions>();
        services.TryAddScoped<TicketLedger>();
        services.TryAddScoped<RankService>();
        services.TryAddScoped<EnrolmentService>();
        services.TryAddScoped<AwsAccountService>();
        services.TryAddScoped<CompanyAdminService>();
        services.TryAddScoped<CompanyList>();
        services.TryAddScoped<BasicServiceAllowanceService>();
        services.TryAddScoped<CatalogueService>();
        services.TryAddScoped<QuoteRequestService>();
        services.TryAddScoped<Inquiries.InquiryService>();
        services.TryAddScoped<Inquiries.InquiryQueries>();
        services.TryAddScoped<Inquiries.InquiryRedirects>();
        services.TryAddScoped<BusinessCalendarService>();
        services.TryAddSingleton<BusinessCalendarCache>();
        services.TryAddScoped<FiscalYearRolloverService>();
        services.TryAddScoped<RolloverDryRun>();
        services.TryAddScoped<TransactionAmountService>();
        services.TryAddScoped<AmountImportService>();
        services.TryAddScoped<Applications.TrainingMenuService>();
        services.TryAddScoped<Terms.TermsService>();
        services.TryAddScoped<WebScan.ScanStatistics>();
        services.TryAddScoped<Applications.ConversationService>();
        services.TryAddScoped<Applications.ApplicationBook>();
        services.TryAddScoped<Tools.ToolGate>();
        services.TryAddScoped<DemoProgrammeSeeder>();
        return services;
    }
}
