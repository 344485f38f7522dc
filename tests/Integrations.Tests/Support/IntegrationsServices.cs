using CloudpackPlus.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Integrations.Tests.Support;

/// <summary>The module's registrations as the Host makes them, on a test database and configuration.</summary>
public static class IntegrationsServices
{
    public static ServiceProvider Build(string connectionString, IDictionary<string, string?> settings, TimeProvider time, Action<IServiceCollection>? overrides = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(time);
        services.AddCloudpackDatabase(connectionString);
        services.AddCloudpackIntegrations();
        overrides?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
