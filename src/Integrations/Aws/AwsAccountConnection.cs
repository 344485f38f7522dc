using CloudpackPlus.Integrations.Aws.ComputeOptimizer;
using CloudpackPlus.Integrations.Aws.Config;
using CloudpackPlus.Integrations.Aws.CostExplorer;
using CloudpackPlus.Integrations.Aws.Credentials;
using CloudpackPlus.Integrations.Aws.Protocol;
using CloudpackPlus.Integrations.Aws.SecurityHub;
using CloudpackPlus.Integrations.Aws.Support;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Aws.TrustedAdvisor;

namespace CloudpackPlus.Integrations.Aws;

/// <summary>
/// Clients for one linked account through one assumed role. Regional services take an optional
/// region (default <see cref="AwsOptions.DefaultRegion"/>); Support, Trusted Advisor and Cost
/// Explorer are signed for us-east-1 whatever the region.
/// </summary>
public sealed class AwsAccountConnection(
    Guid companyId, string accountId, AwsRolePurpose purpose, string roleName, AwsSessionCredentials credentials,
    AwsOptions options, AwsTransport transport, bool isSimulated)
{
    public Guid CompanyId { get; } = companyId;

    public string AccountId { get; } = accountId;

    public AwsRolePurpose Purpose { get; } = purpose;

    public string RoleName { get; } = roleName;

    /// <summary>True in Aws:Mode=Simulated: every result is simulated data (show 「シミュレーション」).</summary>
    public bool IsSimulated { get; } = isSimulated;

    public DateTimeOffset CredentialsExpireAt => credentials.Expiration;

    public SecurityHubClient SecurityHub(string? region = null) => new(transport, Endpoint(AwsServiceCatalog.SecurityHub, region));

    public ConfigServiceClient Config(string? region = null) => new(transport, Endpoint(AwsServiceCatalog.Config, region));

    public TrustedAdvisorChecksClient TrustedAdvisorChecks() => new(transport, Endpoint(AwsServiceCatalog.Support, null));

    public TrustedAdvisorClient TrustedAdvisor() => new(transport, Endpoint(AwsServiceCatalog.TrustedAdvisor, null));

    public ComputeOptimizerClient ComputeOptimizer(string? region = null) => new(transport, Endpoint(AwsServiceCatalog.ComputeOptimizer, region));

    public CostExplorerClient CostExplorer() => new(transport, Endpoint(AwsServiceCatalog.CostExplorer, null));

    public WellArchitected.WellArchitectedClient WellArchitected(string? region = null) => new(transport, Endpoint(AwsServiceCatalog.WellArchitected, region));

    private AwsEndpoint Endpoint(AwsService service, string? region)
    {
        var (baseUri, signingRegion) = AwsEndpointResolver.Resolve(options, service, region);
        return new AwsEndpoint(service, baseUri, signingRegion, AccountId, RoleName, credentials.ToSdk(), IsSimulated);
    }
}

/// <summary>Where a service is reached and for which region it is signed.</summary>
public static class AwsEndpointResolver
{
    public static (Uri BaseUri, string Region) Resolve(AwsOptions options, AwsService service, string? region)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(service);
        options.Endpoints.TryGetValue(service.Id, out var overrides);
        var signingRegion = overrides?.Region ?? service.GlobalRegion ?? region ?? options.DefaultRegion;
        var baseUri = overrides?.ServiceUrl is { Length: > 0 } url
            ? new Uri(url.EndsWith('/') ? url : url + "/")
            : service.DefaultEndpoint(signingRegion);
        return (baseUri, signingRegion);
    }
}
