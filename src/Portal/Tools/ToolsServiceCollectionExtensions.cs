using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudpackPlus.Portal.Tools;

/// <summary>The customer tools (TOOL-1..3): connection tests, cached AWS snapshots and their refresh jobs.</summary>
public static class ToolsServiceCollectionExtensions
{
    public static IServiceCollection AddCloudpackPortalTools(this IServiceCollection services)
    {
        services.TryAddScoped<ToolAccounts>();
        services.TryAddScoped<ToolConnectionService>();
        services.TryAddScoped<ToolSnapshots>();
        services.TryAddScoped<ChargesFetcher>();
        services.TryAddScoped<TrustedAdvisorRefreshJob>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Core.Data.IDemoSeeder, ToolsDemoSeeder>());
        return services;
    }
}
