using Amazon;
using Amazon.SecurityToken;
using CloudpackPlus.Core;
using CloudpackPlus.Integrations.Accounts;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Credentials;
using CloudpackPlus.Integrations.Aws.Protocol;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Backlog;
using CloudpackPlus.Integrations.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Integrations;

/// <summary>Registers the clients for AWS and Backlog, and the Integrations module's data.</summary>
public static class IntegrationsServiceCollectionExtensions
{
    public const string AwsHttpClient = "CloudpackPlus.Aws";

    public static IServiceCollection AddCloudpackIntegrations(this IServiceCollection services)
    {
        services.AddCloudpackModuleDbContext<IntegrationsDbContext>(IntegrationsDbContext.Schema, order: 20);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BacklogOptions>().BindConfiguration(BacklogOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Linked accounts are Core's (ELIG-3): Live and Simulated modes read the same table.
        services.TryAddSingleton<ILinkedAccountDirectory, CoreLinkedAccountDirectory>();

        services.TryAddSingleton(sp => new SimulatedAws(sp.GetRequiredService<TimeProvider>()) { AutoProvision = true }
            .RegisterProvider(SimulatedAws.ProviderAccessKeyId, "simulated", sp.GetRequiredService<IOptions<AwsOptions>>().Value.ProviderPrincipalArn));
        services.AddHttpClient(AwsHttpClient).ConfigurePrimaryHttpMessageHandler(sp =>
            sp.GetRequiredService<IOptions<AwsOptions>>().Value.Mode == AwsMode.Simulated
                ? new SimulatedAwsHandler(sp.GetRequiredService<SimulatedAws>())
                : new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.TryAddTransient(sp => new AwsTransport(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(AwsHttpClient),
            sp.GetRequiredService<IOptions<AwsOptions>>().Value.Retry,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AwsTransport>>()));

        services.TryAddSingleton<IAmazonSecurityTokenService>(sp => CreateSts(sp.GetRequiredService<IOptions<AwsOptions>>().Value));
        services.TryAddSingleton<IAwsRoleAssumer>(sp =>
            sp.GetRequiredService<IOptions<AwsOptions>>().Value.Mode == AwsMode.Simulated
                ? new SimulatedRoleAssumer(sp.GetRequiredService<SimulatedAws>())
                : new StsRoleAssumer(sp.GetRequiredService<IAmazonSecurityTokenService>()));
        services.TryAddSingleton<AwsCredentialCache>();
        services.TryAddScoped<ExternalIdStore>();
        services.AddHostedService<ExternalIdProtectionStartup>();
        services.TryAddScoped<RoleTrustService>();
        services.TryAddScoped<AwsAccountConnector>();

        // Backlog's own logging says method, path and status; the factory's would print the URL with the API key.
        services.AddHttpClient<BacklogClient>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<BacklogOptions>>().Value.Timeout)
            .RemoveAllLoggers();
        services.TryAddScoped<BacklogWorkReportPublisher>();
        return services;
    }

    /// <summary>STS as the provider's own identity: the SDK's default credential chain (instance or task role), no stored keys.</summary>
    private static AmazonSecurityTokenServiceClient CreateSts(AwsOptions options)
    {
        var config = new AmazonSecurityTokenServiceConfig();
        if (options.StsServiceUrl is { Length: > 0 } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = options.StsRegion;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.StsRegion);
        }

        return new AmazonSecurityTokenServiceClient(config);
    }
}
