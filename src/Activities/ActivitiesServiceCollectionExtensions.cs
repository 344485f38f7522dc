using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities;

/// <summary>Registers the activity library with the workflow runtime.</summary>
public static class ActivitiesServiceCollectionExtensions
{
    /// <summary>Adds the programme's activities (tickets, tasks, AWS steps, reports, notifications).</summary>
    public static IServiceCollection AddCloudpackActivities(this IServiceCollection services) => services;
}
