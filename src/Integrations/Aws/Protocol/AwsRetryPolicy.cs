using System.Net;

namespace CloudpackPlus.Integrations.Aws.Protocol;

/// <summary>Which answers are worth retrying, and how long to wait (exponential backoff, full jitter).</summary>
public static class AwsRetryPolicy
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "BandwidthLimitExceeded", "TransactionInProgressException",
    };

    public static bool IsThrottling(HttpStatusCode status, string? code) =>
        status == HttpStatusCode.TooManyRequests || (code is not null && ThrottlingCodes.Contains(code));

    public static bool IsRetryable(HttpStatusCode status, string? code) =>
        IsThrottling(status, code) || ((int)status >= 500 && status != HttpStatusCode.NotImplemented);

    /// <summary>Full jitter: uniform in [0, min(max, base·2^(attempt-1))] (AWS Architecture Blog, "Exponential Backoff And Jitter").</summary>
    public static TimeSpan Delay(int attempt, AwsRetryOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds,
            options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
    }
}
