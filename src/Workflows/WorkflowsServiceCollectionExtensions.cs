using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows;

/// <summary>Registers the workflow runtime.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>Adds the workflow runtime's services (definitions, instances, bookmarks, tasks).</summary>
    public static IServiceCollection AddCloudpackWorkflows(this IServiceCollection services) => services;
}
