using Amazon.Runtime;

namespace CloudpackPlus.Integrations.Aws.Protocol;

/// <summary>Everything a client needs for one service in one account: where, as whom, for which region.</summary>
/// <param name="Service">The service.</param>
/// <param name="BaseUri">Endpoint base URL.</param>
/// <param name="Region">Signing region.</param>
/// <param name="AccountId">Target account (for messages).</param>
/// <param name="RoleName">Assumed role (for access-denied messages).</param>
/// <param name="Credentials">Temporary credentials of the assumed role.</param>
/// <param name="IsSimulated">Whether the answers come from the simulated AWS.</param>
public sealed record AwsEndpoint(
    AwsService Service, Uri BaseUri, string Region, string AccountId, string RoleName,
    AWSCredentials Credentials, bool IsSimulated);

/// <summary>One operation: its name (X-Amz-Target suffix / IAM action) and, for rest-json, method and path.</summary>
public sealed record AwsOperation(string Name, HttpMethod Method, string PathAndQuery)
{
    public static AwsOperation Rpc(string name) => new(name, HttpMethod.Post, "/");
}
