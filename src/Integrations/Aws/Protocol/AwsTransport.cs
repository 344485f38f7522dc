using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CloudpackPlus.Integrations.Aws.Signing;
using Microsoft.Extensions.Logging;

namespace CloudpackPlus.Integrations.Aws.Protocol;

/// <summary>
/// Sends one AWS JSON or REST-JSON call: serialises, signs (SigV4), retries throttling and 5xx
/// with exponential backoff and full jitter, and maps AWS errors to <see cref="AwsIntegrationException"/>.
/// </summary>
public sealed class AwsTransport(HttpClient http, AwsRetryOptions retry, TimeProvider time, ILogger<AwsTransport> logger)
{
    private static readonly byte[] EmptyJsonObject = "{}"u8.ToArray();

    public async Task<TResponse> SendAsync<TResponse>(
        AwsEndpoint endpoint, AwsOperation operation, object? body, JsonSerializerOptions json, CancellationToken cancellationToken)
        where TResponse : AwsResponse, new()
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(operation);
        var payload = Serialize(endpoint.Service, operation, body, json);
        for (var attempt = 1; ; attempt++)
        {
            AwsIntegrationException failure;
            try
            {
                using var request = await BuildRequestAsync(endpoint, operation, payload, cancellationToken);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var result = Deserialize<TResponse>(endpoint, operation, content, json);
                    result.IsSimulated = endpoint.IsSimulated;
                    return result;
                }

                failure = AwsErrorMapper.Map(endpoint, operation.Name, response, content);
            }
            catch (HttpRequestException ex)
            {
                failure = new AwsIntegrationException(AwsErrorKind.ServiceUnavailable,
                    $"{endpoint.Service.Id} could not be reached ({ex.HttpRequestError}). Try again later.",
                    $"{endpoint.Service.Id} に接続できませんでした。しばらくしてから再度お試しください。", ex)
                { ServiceId = endpoint.Service.Id, Operation = operation.Name };
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new AwsIntegrationException(AwsErrorKind.ServiceUnavailable,
                    $"{endpoint.Service.Id} did not answer in time. Try again later.",
                    $"{endpoint.Service.Id} から時間内に応答がありませんでした。しばらくしてから再度お試しください。", ex)
                { ServiceId = endpoint.Service.Id, Operation = operation.Name };
            }

            if (!failure.IsTransient || attempt >= retry.MaxAttempts)
            {
                logger.LogWarning("AWS {Service}:{Operation} on {Account} failed after {Attempts} attempt(s): {Kind} {Code}",
                    endpoint.Service.Id, operation.Name, endpoint.AccountId, attempt, failure.Kind, failure.AwsErrorCode);
                throw failure;
            }

            // A Retry-After the service sent is honoured (up to MaxDelay); otherwise backoff with full jitter.
            var delay = AwsRetryPolicy.Delay(attempt, retry, Random.Shared);
            if (failure.RetryAfter is { } asked && asked > delay)
            {
                // AWS said how long to wait; never wait longer than the configured ceiling.
                delay = asked < retry.MaxDelay ? asked : retry.MaxDelay;
            }

            logger.LogInformation("AWS {Service}:{Operation} {Kind} (attempt {Attempt}); retrying in {Delay} ms",
                endpoint.Service.Id, operation.Name, failure.Kind, attempt, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private static TResponse Deserialize<TResponse>(AwsEndpoint endpoint, AwsOperation operation, byte[] content, JsonSerializerOptions json)
        where TResponse : AwsResponse, new()
    {
        try
        {
            return content.Length == 0 ? new TResponse() : JsonSerializer.Deserialize<TResponse>(content, json) ?? new TResponse();
        }
        catch (JsonException ex)
        {
            throw new AwsIntegrationException(AwsErrorKind.Unknown,
                $"AWS {endpoint.Service.Id} {operation.Name} returned a response the portal could not read ({ex.Path}).",
                $"AWS {endpoint.Service.Id} {operation.Name} の応答を読み取れませんでした。", ex)
            { ServiceId = endpoint.Service.Id, Operation = operation.Name };
        }
    }

    private static byte[] Serialize(AwsService service, AwsOperation operation, object? body, JsonSerializerOptions json)
    {
        if (body is not null)
        {
            return JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), json);
        }

        // JSON-RPC services expect an object even for parameterless operations; REST GET/DELETE carry no body.
        return service.Protocol == AwsProtocol.Json || operation.Method == HttpMethod.Post ? EmptyJsonObject : [];
    }

    private async Task<HttpRequestMessage> BuildRequestAsync(
        AwsEndpoint endpoint, AwsOperation operation, byte[] payload, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(operation.Method, new Uri(endpoint.BaseUri, operation.PathAndQuery));
        if (payload.Length > 0 || operation.Method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.ContentType = endpoint.Service.Protocol == AwsProtocol.Json
                ? new MediaTypeHeaderValue($"application/x-amz-json-{endpoint.Service.JsonVersion}")
                : new MediaTypeHeaderValue("application/json");
        }

        if (endpoint.Service.Protocol == AwsProtocol.Json)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{endpoint.Service.TargetPrefix}.{operation.Name}");
        }

        await AwsRequestSigner.SignAsync(request, payload, endpoint.Credentials, endpoint.Region,
            endpoint.Service.SigningName, time.GetUtcNow(), cancellationToken);
        return request;
    }
}

