using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudpackPlus.Portal.Operations;

/// <summary>The operations console (issue #16): instance list and viewer, incident notices, the APIs' OpenAPI document.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>The OpenAPI document's name: <c>/openapi/workflows.json</c>.</summary>
    public const string OpenApiDocument = "workflows";

    /// <summary>The HTTP APIs the document describes: the workflow runtime's (tasks included) and the calendar's.</summary>
    public static readonly string[] DocumentedPrefixes = ["api/workflows", "api/calendar"];

    public static IServiceCollection AddCloudpackOperations(this IServiceCollection services)
    {
        services.TryAddScoped<InstanceList>();
        services.TryAddScoped<InstanceDetailsLoader>();
        services.TryAddScoped<JournalText>();
        services.TryAddScoped<InstanceActions>();
        services.TryAddScoped<IncidentNotifier>();
        services.TryAddScoped<CloudpackPlus.Workflows.InstanceMigration.InstanceMigrator>();
        services.AddHostedService<IncidentNotifierJobs>();
        services.AddOpenApi(OpenApiDocument, o =>
        {
            o.ShouldInclude = d => d.RelativePath is { } path && DocumentedPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal));
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "cloudpack+ workflow, task and calendar APIs";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Maps <c>/openapi/workflows.json</c> for staff (the document tells how to drive instances).</summary>
    public static IEndpointRouteBuilder MapCloudpackOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(PortalRoles.StaffPolicy);
        return endpoints;
    }
}
