using System.Net;
using Amazon.Runtime;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.CostExplorer;
using CloudpackPlus.Integrations.Aws.Protocol;
using CloudpackPlus.Integrations.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudpackPlus.Integrations.Tests.Aws;

/// <summary>Retries, backoff and error mapping, on hand-written answers (no shared data needed).</summary>
public sealed class AwsTransportTests
{
    private static readonly AwsRetryOptions FastRetry = new() { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) };

    [Fact]
    public async Task Throttling_IsRetried_AndEachAttemptIsSignedAfresh()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.BadRequest, "throttling.json")
            .Then(HttpStatusCode.TooManyRequests)
            .Then(HttpStatusCode.OK, "cost-one-month.json");

        var result = await CostExplorer(handler, FastRetry).GetCostAndUsageAsync(Request());

        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIATEST/", string.Join(",", r.Headers.GetValues("Authorization")), StringComparison.Ordinal));
        Assert.All(handler.Requests, r => Assert.True(r.Headers.Contains("X-Amz-Security-Token")));
        Assert.Equal("12.3456", result.ResultsByTime[0].Groups[0].Metrics["UnblendedCost"].Amount);
    }

    [Fact]
    public async Task Throttling_GivesUp_AfterTheConfiguredAttempts()
    {
        var handler = new ScriptedHandler();
        for (var i = 0; i < 4; i++)
        {
            handler.Then(HttpStatusCode.BadRequest, "throttling.json");
        }

        var error = await Assert.ThrowsAsync<AwsIntegrationException>(() => CostExplorer(handler, FastRetry).GetCostAndUsageAsync(Request()));

        Assert.Equal(AwsErrorKind.Throttled, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal("ThrottlingException", error.AwsErrorCode);
        Assert.Equal("req-4", error.RequestId);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task ServerErrors_AreRetried_ButClientErrorsAreNot()
    {
        var retried = new ScriptedHandler()
            .Then(HttpStatusCode.InternalServerError, "internal-error.json", "InternalServerException:http://internal.amazon.com/coral/")
            .Then(HttpStatusCode.ServiceUnavailable)
            .Then(HttpStatusCode.OK, "cost-one-month.json");
        var refused = new ScriptedHandler().Then(HttpStatusCode.BadRequest, "internal-error.json", "ValidationException");

        await CostExplorer(retried, FastRetry).GetCostAndUsageAsync(Request());
        var error = await Assert.ThrowsAsync<AwsIntegrationException>(() => CostExplorer(refused, FastRetry).GetCostAndUsageAsync(Request()));

        Assert.Equal(3, retried.Requests.Count);
        Assert.Single(refused.Requests);
        Assert.Equal(AwsErrorKind.InvalidRequest, error.Kind);
        Assert.Equal("ValidationException", error.AwsErrorCode);
    }

    [Fact]
    public async Task AccessDenied_NamesThePermissionFromTheAwsMessage()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.BadRequest, "access-denied.json");

        var error = await Assert.ThrowsAsync<AwsAccessDeniedException>(() => CostExplorer(handler, FastRetry).GetCostAndUsageAsync(Request()));

        Assert.Equal("ce:GetCostAndUsage", error.MissingPermission);
        Assert.Contains("123456789012", error.Message, StringComparison.Ordinal);
        Assert.Contains("ce:GetCostAndUsage", error.MessageJa, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Backoff_HonoursCancellation()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.TooManyRequests).Then(HttpStatusCode.TooManyRequests);
        var slow = new AwsRetryOptions { MaxAttempts = 5, BaseDelay = TimeSpan.FromMinutes(10), MaxDelay = TimeSpan.FromMinutes(10) };
        using var cancel = new CancellationTokenSource();

        var call = CostExplorer(handler, slow, new FakeTimeProvider()).GetCostAndUsageAsync(Request(), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public void FullJitter_StaysWithinTheExponentialCeiling()
    {
        var options = new AwsRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };
        var random = new Random(7);

        var delays = Enumerable.Range(1, 6).Select(attempt => (attempt, delay: AwsRetryPolicy.Delay(attempt, options, random))).ToList();

        Assert.All(delays, d => Assert.InRange(d.delay.TotalMilliseconds, 0, Math.Min(1000, 100 * Math.Pow(2, d.attempt - 1))));
        Assert.True(delays.Select(d => d.delay).Distinct().Count() > 1);
    }

    private static GetCostAndUsageRequest Request() => new()
    {
        TimePeriod = new DateInterval { Start = "2026-10-01", End = "2026-11-01" },
        Granularity = "MONTHLY",
        Metrics = ["UnblendedCost"],
    };

    private static CostExplorerClient CostExplorer(ScriptedHandler handler, AwsRetryOptions retry, TimeProvider? time = null)
    {
        var transport = new AwsTransport(new HttpClient(handler), retry, time ?? TimeProvider.System, NullLogger<AwsTransport>.Instance);
        var endpoint = new AwsEndpoint(AwsServiceCatalog.CostExplorer, new Uri("https://ce.us-east-1.amazonaws.com/"), "us-east-1",
            "123456789012", "CloudpackPlusReadOnly", new SessionAWSCredentials("ASIATEST", "secret", "token"), IsSimulated: false);
        return new CostExplorerClient(transport, endpoint);
    }
}
