using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.Config;

/// <summary>AWS Config (JSON 1.1, target StarlingDoveService) for one account and region.</summary>
public sealed class ConfigServiceClient(AwsTransport transport, AwsEndpoint endpoint)
{
    public AwsEndpoint Endpoint => endpoint;

    public Task<DescribeConfigurationRecordersResponse> DescribeConfigurationRecordersAsync(
        DescribeConfigurationRecordersRequest? request = null, CancellationToken cancellationToken = default) =>
        Send<DescribeConfigurationRecordersResponse>("DescribeConfigurationRecorders", request ?? new(), cancellationToken);

    public Task<DescribeConfigurationRecorderStatusResponse> DescribeConfigurationRecorderStatusAsync(
        DescribeConfigurationRecorderStatusRequest? request = null, CancellationToken cancellationToken = default) =>
        Send<DescribeConfigurationRecorderStatusResponse>("DescribeConfigurationRecorderStatus", request ?? new(), cancellationToken);

    public Task<AwsEmptyResponse> PutConfigurationRecorderAsync(PutConfigurationRecorderRequest request, CancellationToken cancellationToken = default) =>
        Send<AwsEmptyResponse>("PutConfigurationRecorder", request, cancellationToken);

    public Task<AwsEmptyResponse> PutDeliveryChannelAsync(PutDeliveryChannelRequest request, CancellationToken cancellationToken = default) =>
        Send<AwsEmptyResponse>("PutDeliveryChannel", request, cancellationToken);

    public Task<AwsEmptyResponse> StartConfigurationRecorderAsync(StartConfigurationRecorderRequest request, CancellationToken cancellationToken = default) =>
        Send<AwsEmptyResponse>("StartConfigurationRecorder", request, cancellationToken);

    public Task<AwsEmptyResponse> StopConfigurationRecorderAsync(StopConfigurationRecorderRequest request, CancellationToken cancellationToken = default) =>
        Send<AwsEmptyResponse>("StopConfigurationRecorder", request, cancellationToken);

    /// <summary>True when at least one recorder exists and is recording (what ACCT-D checks before enabling Config).</summary>
    public async Task<bool> IsRecordingAsync(CancellationToken cancellationToken = default)
    {
        var status = await DescribeConfigurationRecorderStatusAsync(null, cancellationToken);
        return status.ConfigurationRecordersStatus.Any(s => s.Recording == true);
    }

    private Task<T> Send<T>(string operation, object body, CancellationToken cancellationToken) where T : AwsResponse, new() =>
        transport.SendAsync<T>(endpoint, AwsOperation.Rpc(operation), body, AwsJson.Pascal, cancellationToken);
}
