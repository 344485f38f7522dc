using System.Text;
using Amazon.Runtime;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Credentials;
using CloudpackPlus.Integrations.Aws.Protocol;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Tests.Support;

namespace CloudpackPlus.Integrations.Tests.Aws;

/// <summary>STS through AWSSDK.SecurityToken against the local server, and what the server enforces.</summary>
public sealed class RoleAssumptionTests(AwsTestEnvironment env) : IClassFixture<AwsTestEnvironment>
{
    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task AssumeRole_SendsTheExternalIdAndSessionName_ThroughTheSdk()
    {
        var account = env.NewAccount();
        var companyId = Guid.NewGuid();
        using var sts = env.Sts();

        var credentials = await new StsRoleAssumer(sts).AssumeRoleAsync(new AssumeRoleSpec(
            AwsArn.Role(account.AccountId, "CloudpackPlusReadOnly"), AwsTestEnvironment.ExternalId,
            AwsAccountConnector.SessionName(companyId, AwsRolePurpose.ReadOnly), 3600), CancellationToken.None);

        var call = env.CallsFor("AssumeRole")[^1];
        var form = Encoding.UTF8.GetString(call.Request.Body);
        Assert.Equal(200, call.Status);
        Assert.Contains($"ExternalId={AwsTestEnvironment.ExternalId}", form, StringComparison.Ordinal);
        Assert.Contains($"RoleSessionName=cloudpackplus-{companyId:N}-readonly", form, StringComparison.Ordinal);
        Assert.Contains("DurationSeconds=3600", form, StringComparison.Ordinal);
        Assert.StartsWith("ASIA", credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(env.Time.GetUtcNow().AddHours(1), credentials.Expiration);
        Assert.DoesNotContain(credentials.SecretAccessKey, credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task AssumeRole_WithAnotherExternalId_IsRefusedWithSetUpAdvice()
    {
        var account = env.NewAccount();
        using var sts = env.Sts();

        var error = await Assert.ThrowsAsync<AwsIntegrationException>(() => new StsRoleAssumer(sts).AssumeRoleAsync(
            new AssumeRoleSpec(AwsArn.Role(account.AccountId, "CloudpackPlusReadOnly"), "someone-elses-external-id", "cloudpackplus-test", 3600),
            CancellationToken.None));

        Assert.Equal(AwsErrorKind.RoleNotAssumable, error.Kind);
        Assert.Equal("AccessDenied", error.AwsErrorCode);
        Assert.Contains("CloudFormation", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("someone-elses-external-id", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_WithAWrongSignature_AreRejected()
    {
        var account = env.NewAccount();
        var connection = await env.ConnectAsync(account, AwsRolePurpose.ReadOnly);
        var good = connection.CostExplorer().Endpoint;
        var forged = good with { Credentials = new SessionAWSCredentials(good.Credentials.GetCredentials().AccessKey, "not-the-secret", good.Credentials.GetCredentials().Token) };

        var error = await Assert.ThrowsAsync<AwsIntegrationException>(() => new Integrations.Aws.CostExplorer.CostExplorerClient(env.Transport(), forged)
            .GetMonthlyCostByServiceAsync(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1)));

        Assert.Equal("SignatureDoesNotMatch", error.AwsErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task Requests_AfterTheSessionExpired_AreRejected()
    {
        var account = env.NewAccount();
        var optimizer = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).ComputeOptimizer();
        env.Time.Advance(TimeSpan.FromHours(1));

        var error = await Assert.ThrowsAsync<AwsIntegrationException>(() => optimizer.GetEC2InstanceRecommendationsAsync());

        Assert.Equal("ExpiredTokenException", error.AwsErrorCode);
    }

    [Fact]
    public async Task ThrottlingMidPagination_IsRetried_AndNoPageIsLost()
    {
        var account = env.NewAccount(findings: 250);
        account.SecurityHubEnabled = true;
        account.SecurityHubSubscribedAt = env.Time.GetUtcNow();
        var hub = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).SecurityHub();
        env.Aws.InjectFault("GetFindings", 429, "TooManyRequestsException", times: 2, "Rate exceeded");
        var before = env.CallsFor("GetFindings").Count;

        var count = 0;
        await foreach (var _ in hub.GetFindingsAsync(null))
        {
            count++;
            if (count == 150)
            {
                env.Aws.InjectFault("GetFindings", 503, "ServiceUnavailableException", times: 1, "Service unavailable");
            }
        }

        var calls = env.CallsFor("GetFindings").Skip(before).ToList();
        Assert.Equal(250, count);
        Assert.Equal(2, calls.Count(c => c.Status == 429));
        Assert.Equal(1, calls.Count(c => c.Status == 503));
        Assert.Equal(3, calls.Count(c => c.Status == 200));
    }
}
