using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CloudpackPlus.Integrations.Aws.Protocol;

/// <summary>Reads an AWS JSON error (header <c>x-amzn-ErrorType</c> or body <c>__type</c>/<c>code</c>) into a typed exception.</summary>
public static partial class AwsErrorMapper
{
    public static AwsIntegrationException Map(AwsEndpoint endpoint, string operation, HttpResponseMessage response, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(response);
        var (code, message) = Parse(response, body);
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        var status = response.StatusCode;
        var service = endpoint.Service;
        AwsIntegrationException error = code switch
        {
            "InvalidAccessException" when service == AwsServiceCatalog.SecurityHub
                => new SecurityHubNotEnabledException(endpoint.AccountId, endpoint.Region),
            "SubscriptionRequiredException" => new SupportPlanRequiredException(endpoint.AccountId),
            // The Trusted Advisor API answers a missing Business plan with AccessDenied and says so in the message.
            "AccessDeniedException" when service == AwsServiceCatalog.TrustedAdvisor && message is not null
                && message.Contains("Support", StringComparison.OrdinalIgnoreCase) && message.Contains("plan", StringComparison.OrdinalIgnoreCase)
                => new SupportPlanRequiredException(endpoint.AccountId),
            "OptInRequiredException" => new ComputeOptimizerOptInRequiredException(endpoint.AccountId),
            "ExpiredTokenException" or "ExpiredToken" => new AwsIntegrationException(AwsErrorKind.CredentialsExpired,
                $"The session for account {endpoint.AccountId} expired; the role must be assumed again.",
                $"AWS アカウント {endpoint.AccountId} のセッションの有効期限が切れました。ロールを再度引き受ける必要があります。"),
            "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "UnauthorizedException"
                => new AwsAccessDeniedException(endpoint.AccountId, MissingPermission(message) ?? $"{service.SigningName}:{operation}", endpoint.RoleName),
            _ when AwsRetryPolicy.IsThrottling(status, code) => new AwsIntegrationException(AwsErrorKind.Throttled,
                $"AWS {service.Id} is throttling requests for account {endpoint.AccountId} ({code ?? "429"}). Try again in a few minutes.",
                $"AWS {service.Id} へのリクエストが制限されています（{code ?? "429"}）。数分後に再度お試しください。"),
            _ when (int)status >= 500 => new AwsIntegrationException(AwsErrorKind.ServiceUnavailable,
                $"AWS {service.Id} had an internal error ({code ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)}). Try again later.",
                $"AWS {service.Id} で内部エラーが発生しました。しばらくしてから再度お試しください。"),
            "ResourceNotFoundException" or "NoSuchConfigurationRecorderException" => new AwsIntegrationException(AwsErrorKind.NotFound,
                $"AWS {service.Id} {operation}: {message ?? code}", $"AWS {service.Id} {operation}: 対象が見つかりません（{code}）。"),
            _ => new AwsIntegrationException(AwsErrorKind.InvalidRequest,
                $"AWS {service.Id} {operation} was refused ({code ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)}): {message}",
                $"AWS {service.Id} {operation} が拒否されました（{code}）: {message}"),
        };
        error.RetryAfter = RetryAfter(response);
        return Enrich(error, service.Id, operation, code, status, requestId);
    }

    /// <summary>Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3).</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
            _ => null,
        };

    private static AwsIntegrationException Enrich(
        AwsIntegrationException error, string service, string operation, string? code, HttpStatusCode status, string? requestId)
    {
        error.ServiceId = service;
        error.Operation = operation;
        error.AwsErrorCode = code;
        error.StatusCode = status;
        error.RequestId = requestId;
        return error;
    }

    internal static (string? Code, string? Message) Parse(HttpResponseMessage response, byte[] body)
    {
        string? code = null;
        string? message = null;
        if (response.Headers.TryGetValues("x-amzn-ErrorType", out var types))
        {
            code = Normalize(types.FirstOrDefault());
        }

        if (body.Length > 0)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in doc.RootElement.EnumerateObject())
                    {
                        if (property.Value.ValueKind != JsonValueKind.String)
                        {
                            continue;
                        }

                        if (code is null && property.Name is "__type" or "code" or "Code")
                        {
                            code = Normalize(property.Value.GetString());
                        }
                        else if (property.Name is "message" or "Message" or "errorMessage")
                        {
                            message = property.Value.GetString();
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // A proxy or load balancer may answer with HTML; the status code still classifies it.
            }
        }

        return (code, message);
    }

    /// <summary>"aws.protocoltests#FooError:http://..." → "FooError".</summary>
    private static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var value = raw;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            value = value[..colon];
        }

        var hash = value.LastIndexOf('#');
        return hash >= 0 ? value[(hash + 1)..] : value;
    }

    private static string? MissingPermission(string? message)
    {
        var match = message is null ? null : PermissionPattern().Match(message);
        return match is { Success: true } ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"perform:\s*([a-z0-9-]+:[A-Za-z0-9]+)")]
    private static partial Regex PermissionPattern();
}

