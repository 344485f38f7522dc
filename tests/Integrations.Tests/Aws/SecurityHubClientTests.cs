using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.SecurityHub;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Tests.Support;

namespace CloudpackPlus.Integrations.Tests.Aws;

public sealed class SecurityHubClientTests(AwsTestEnvironment env) : IClassFixture<AwsTestEnvironment>
{
    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task DescribeHub_ReportsNotEnabled_WithActionableMessage()
    {
        var account = env.NewAccount();
        var hub = (await env.ConnectAsync(account)).SecurityHub();

        var error = await Assert.ThrowsAsync<SecurityHubNotEnabledException>(() => hub.DescribeHubAsync());

        Assert.Equal(AwsErrorKind.SecurityHubNotEnabled, error.Kind);
        Assert.Equal("InvalidAccessException", error.AwsErrorCode);
        Assert.Contains(account.AccountId, error.Message, StringComparison.Ordinal);
        Assert.Contains("Security Hub", error.MessageJa, StringComparison.Ordinal);
        Assert.False(await hub.IsEnabledAsync());
    }

    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task Diagnosis_EnablesSecurityHubAndStandards_ThenDisablesIt()
    {
        var account = env.NewAccount();
        var hub = (await env.ConnectAsync(account)).SecurityHub("ap-northeast-1");

        await hub.EnableSecurityHubAsync(new EnableSecurityHubRequest { EnableDefaultStandards = false, ControlFindingGenerator = "SECURITY_CONTROL" });
        var described = await hub.DescribeHubAsync();
        var enabled = await hub.BatchEnableStandardsAsync(new BatchEnableStandardsRequest
        {
            StandardsSubscriptionRequests = [new StandardsSubscriptionRequest { StandardsArn = SecurityHubClient.FoundationalBestPracticesArn("ap-northeast-1") }],
        });
        var listed = await hub.GetEnabledStandardsAsync(new GetEnabledStandardsRequest());
        await hub.DisableSecurityHubAsync();

        Assert.Equal($"arn:aws:securityhub:ap-northeast-1:{account.AccountId}:hub/default", described.HubArn);
        Assert.Equal("READY", Assert.Single(enabled.StandardsSubscriptions).StandardsStatus);
        Assert.Equal(SecurityHubClient.FoundationalBestPracticesArn("ap-northeast-1"), Assert.Single(listed.StandardsSubscriptions).StandardsArn);
        Assert.False(account.SecurityHubEnabled);
    }

    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task GetFindings_StreamsFiveThousandFindings_PageByPage()
    {
        var account = env.NewAccount(findings: 5000);
        account.SecurityHubEnabled = true;
        account.SecurityHubSubscribedAt = env.Time.GetUtcNow();
        var hub = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).SecurityHub();

        var pages = 0;
        var largestPage = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var page in hub.GetFindingPagesAsync(AwsSecurityFindingFilters.ActiveFor(account.AccountId)))
        {
            pages++;
            largestPage = Math.Max(largestPage, page.Findings.Count);
            foreach (var finding in page.Findings)
            {
                Assert.Equal(account.AccountId, finding.AwsAccountId);
                ids.Add(finding.Id);
            }
        }

        Assert.Equal(50, pages);
        Assert.Equal(100, largestPage);
        Assert.Equal(5000, ids.Count);
    }

    [Fact]
    public async Task GetFindings_AppliesSeverityFilter()
    {
        var account = env.NewAccount(findings: 120);
        account.SecurityHubEnabled = true;
        account.SecurityHubSubscribedAt = env.Time.GetUtcNow();
        var hub = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).SecurityHub();

        var critical = new List<AwsSecurityFinding>();
        await foreach (var finding in hub.GetFindingsAsync(new AwsSecurityFindingFilters { SeverityLabel = [StringFilter.EqualTo("CRITICAL")] }))
        {
            critical.Add(finding);
        }

        // The seeded data decide how many are critical: count them unfiltered, then compare.
        var expected = 0;
        await foreach (var finding in hub.GetFindingsAsync(null))
        {
            expected += finding.Severity?.Label == "CRITICAL" ? 1 : 0;
        }

        Assert.InRange(expected, 1, 119);
        Assert.Equal(expected, critical.Count);
        Assert.All(critical, f => Assert.Equal("CRITICAL", f.Severity?.Label));
    }

    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task ReadOnlyRole_CannotEnableSecurityHub_AndTheMissingPermissionIsNamed()
    {
        var account = env.NewAccount();
        var hub = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).SecurityHub();

        var error = await Assert.ThrowsAsync<AwsAccessDeniedException>(() => hub.EnableSecurityHubAsync(new EnableSecurityHubRequest()));

        Assert.Equal("securityhub:EnableSecurityHub", error.MissingPermission);
        Assert.Contains("securityhub:EnableSecurityHub", error.Message, StringComparison.Ordinal);
        Assert.Contains("CloudpackPlusReadOnly", error.Message, StringComparison.Ordinal);
        Assert.False(account.SecurityHubEnabled);
    }
}
