using CloudpackPlus.Portal.Apis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal;

/// <summary>Registers and maps the customer portal and the staff console (Razor Pages).</summary>
public static class PortalServiceCollectionExtensions
{
    public static IServiceCollection AddCloudpackPortal(this IServiceCollection services)
    {
        services.AddRazorPages();
        return services;
    }

    public static IEndpointRouteBuilder MapCloudpackPortal(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        endpoints.MapCalendarApi();
        return endpoints;
    }
}
