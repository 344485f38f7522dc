namespace CloudpackPlus.Integrations.Aws;

/// <summary>The wire protocol of a service, as its model's <c>metadata.protocol</c> says.</summary>
public enum AwsProtocol
{
    /// <summary>POST / with <c>X-Amz-Target</c> and <c>application/x-amz-json-1.x</c>.</summary>
    Json,

    /// <summary>HTTP method and path per operation, JSON bodies.</summary>
    RestJson,
}

/// <summary>One AWS service as the clients call it.</summary>
/// <param name="Id">Configuration key and endpoint prefix.</param>
/// <param name="SigningName">SigV4 service name.</param>
/// <param name="Protocol">Wire protocol.</param>
/// <param name="TargetPrefix">X-Amz-Target prefix for <see cref="AwsProtocol.Json"/>.</param>
/// <param name="JsonVersion">1.0 or 1.1 for <see cref="AwsProtocol.Json"/>.</param>
/// <param name="GlobalRegion">Region the service is always signed for (Support, Cost Explorer), or null when regional.</param>
public sealed record AwsService(
    string Id, string SigningName, AwsProtocol Protocol, string? TargetPrefix, string JsonVersion, string? GlobalRegion)
{
    public Uri DefaultEndpoint(string region) => new($"https://{Id}.{region}.amazonaws.com/");
}

/// <summary>The services the platform uses (models in <c>shared/aws/models</c>).</summary>
public static class AwsServiceCatalog
{
    public static readonly AwsService SecurityHub = new("securityhub", "securityhub", AwsProtocol.RestJson, null, "1.1", null);

    public static readonly AwsService Config = new("config", "config", AwsProtocol.Json, "StarlingDoveService", "1.1", null);

    public static readonly AwsService Support = new("support", "support", AwsProtocol.Json, "AWSSupport_20130415", "1.1", "us-east-1");

    public static readonly AwsService TrustedAdvisor = new("trustedadvisor", "trustedadvisor", AwsProtocol.RestJson, null, "1.1", "us-east-1");

    // The model's first protocol is RPC v2 CBOR; AWS still serves awsJson1_0 (listed in metadata.protocols).
    public static readonly AwsService ComputeOptimizer = new("compute-optimizer", "compute-optimizer", AwsProtocol.Json, "ComputeOptimizerService", "1.0", null);

    public static readonly AwsService CostExplorer = new("ce", "ce", AwsProtocol.Json, "AWSInsightsIndexService", "1.1", "us-east-1");

    /// <summary>AWS Well-Architected Tool (REST-JSON, regional): workloads, lens reviews and answers (SEC-L).</summary>
    public static readonly AwsService WellArchitected = new("wellarchitected", "wellarchitected", AwsProtocol.RestJson, null, "1.1", null);

    public static IReadOnlyList<AwsService> All { get; } = [SecurityHub, Config, Support, TrustedAdvisor, ComputeOptimizer, CostExplorer, WellArchitected];

    public static IEnumerable<string> Ids => All.Select(s => s.Id);

    public static bool IsKnown(string id) => All.Any(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));

    public static AwsService? FindBySigningName(string name) =>
        All.FirstOrDefault(s => string.Equals(s.SigningName, name, StringComparison.Ordinal));
}
