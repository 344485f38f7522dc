using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.Support;

/// <summary>
/// Trusted Advisor through the AWS Support API (JSON 1.1, signed for us-east-1). Needs a Business
/// support plan or higher; otherwise calls fail with <see cref="SupportPlanRequiredException"/>.
/// </summary>
public sealed class TrustedAdvisorChecksClient(AwsTransport transport, AwsEndpoint endpoint)
{
    public AwsEndpoint Endpoint => endpoint;

    public Task<DescribeTrustedAdvisorChecksResponse> DescribeTrustedAdvisorChecksAsync(string language = "ja", CancellationToken cancellationToken = default) =>
        Send<DescribeTrustedAdvisorChecksResponse>("DescribeTrustedAdvisorChecks", new DescribeTrustedAdvisorChecksRequest { Language = language }, cancellationToken);

    public Task<DescribeTrustedAdvisorCheckResultResponse> DescribeTrustedAdvisorCheckResultAsync(
        string checkId, string language = "ja", CancellationToken cancellationToken = default) =>
        Send<DescribeTrustedAdvisorCheckResultResponse>("DescribeTrustedAdvisorCheckResult",
            new DescribeTrustedAdvisorCheckResultRequest { CheckId = checkId, Language = language }, cancellationToken);

    public Task<RefreshTrustedAdvisorCheckResponse> RefreshTrustedAdvisorCheckAsync(string checkId, CancellationToken cancellationToken = default) =>
        Send<RefreshTrustedAdvisorCheckResponse>("RefreshTrustedAdvisorCheck", new RefreshTrustedAdvisorCheckRequest { CheckId = checkId }, cancellationToken);

    private Task<T> Send<T>(string operation, object body, CancellationToken cancellationToken) where T : AwsResponse, new() =>
        transport.SendAsync<T>(endpoint, AwsOperation.Rpc(operation), body, AwsJson.Camel, cancellationToken);
}
