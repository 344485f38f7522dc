using System.Net;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;

namespace CloudpackPlus.Portal.Tests.Tools;

/// <summary>The customer tools on the simulated AWS: connection set-up, Trusted Advisor, charges and contract gating.</summary>
public sealed partial class ToolsPageTests(ToolsAppFactory app) : IClassFixture<ToolsAppFactory>
{
    private static Dictionary<string, string> Account(string id) => new() { ["account"] = id };

    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task TestConnection_NamesTheMissingPermission_ThenConnects_AndRotationStopsTheOldExternalId()
    {
        var (_, rep, member, accountId) = await app.CompanyAsync(Code("tc"), ContractType.BillingAgency);
        app.Aws.AddAccount(accountId).ProvisionWithout.Add("ce:GetCostAndUsage");
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);

        var setup = await client.GetPageAsync("/Tools/Accounts");
        var externalId = ExternalId().Match(setup).Groups[1].Value;
        Assert.Equal(40, externalId.Length);
        Assert.Contains("quickcreate", setup, StringComparison.Ordinal);
        Assert.Contains("ce:GetCostAndUsage", setup, StringComparison.Ordinal); // the listed permissions
        using (var yaml = await client.GetAsync("/Tools/Accounts?handler=Template"))
        {
            Assert.Equal(HttpStatusCode.OK, yaml.StatusCode);
            Assert.Contains(externalId, await yaml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var test = await client.PostFormAsync("/Tools/Accounts", Account(accountId), $"/Tools/Accounts?handler=Test&account={accountId}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        }

        var missing = await client.GetPageAsync("/Tools/Accounts");
        Assert.Matches("data-test=\"missing\">[^<]*ce:GetCostAndUsage", missing);

        // The customer updates the stack: the permission is there, and the next test connects.
        app.Aws.AddAccount(accountId).Roles["CloudpackPlusReadOnly"].Permissions.Add("ce:GetCostAndUsage");
        using (await client.PostFormAsync("/Tools/Accounts", Account(accountId), $"/Tools/Accounts?handler=Test&account={accountId}"))
        {
        }

        var connected = await client.GetPageAsync("/Tools/Accounts");
        Assert.DoesNotContain("data-test=\"missing\"", connected, StringComparison.Ordinal);
        Assert.Contains("badge ok", connected, StringComparison.Ordinal);

        // A member tests but neither sees the external id nor rotates it.
        using var memberClient = new PortalClient(app);
        await memberClient.SignInAsync(member);
        Assert.DoesNotContain(externalId, await memberClient.GetPageAsync("/Tools/Accounts"), StringComparison.Ordinal);
        using (var refused = await memberClient.PostFormAsync("/Tools/Accounts", new Dictionary<string, string>(), "/Tools/Accounts?handler=Rotate"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // Rotation: the role still trusts the old id, so the account can no longer be assumed.
        using (await client.PostFormAsync("/Tools/Accounts", new Dictionary<string, string>(), "/Tools/Accounts?handler=Rotate"))
        {
        }

        var rotated = await client.GetPageAsync("/Tools/Accounts");
        Assert.NotEqual(externalId, ExternalId().Match(rotated).Groups[1].Value);
        using (await client.PostFormAsync("/Tools/Accounts", Account(accountId), $"/Tools/Accounts?handler=Test&account={accountId}"))
        {
        }

        Assert.Contains("data-test=\"error\"", await client.GetPageAsync("/Tools/Accounts"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task TrustedAdvisor_RefreshRunsAsAJob_ShowsCategoriesAndResources_AndSaysWhenThereIsNoSupportPlan()
    {
        var (company, rep, _, accountId) = await app.CompanyAsync(Code("ta"), ContractType.MonitoringMaintenance);
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        using (await client.PostFormAsync("/Tools/Accounts", Account(accountId), $"/Tools/Accounts?handler=Test&account={accountId}"))
        {
        }

        var url = $"/Tools/TrustedAdvisor?account={accountId}";
        using (var refresh = await client.PostFormAsync(url, new Dictionary<string, string>(), $"/Tools/TrustedAdvisor?handler=Refresh&account={accountId}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        }

        Assert.True(await Eventually.WaitAsync(async () => (await client.GetPageAsync(url)).Contains("data-test=\"ta-categories\"", StringComparison.Ordinal)));
        var page = await client.GetPageAsync(url);
        Assert.Contains("data-test=\"category-cost_optimizing\"", page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"savings\"", page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"ta-resource\"", page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"fetched-at\"", page, StringComparison.Ordinal);

        // Rate-limited: a second refresh right away is refused with a message, not run.
        using (await client.PostFormAsync(url, new Dictionary<string, string>(), $"/Tools/TrustedAdvisor?handler=Refresh&account={accountId}"))
        {
        }

        Assert.Contains("data-test=\"flash\"", await client.GetPageAsync(url), StringComparison.Ordinal);

        // Search narrows the flagged resources to nothing for a term no resource has.
        var searched = await client.GetPageAsync(url + "&q=no-such-resource-anywhere");
        Assert.DoesNotContain("data-test=\"ta-resource\"", searched, StringComparison.Ordinal);

        // Another company's account id is not found.
        var (_, otherRep, _, _) = await app.CompanyAsync(Code("tb"), ContractType.BillingAgency);
        using var stranger = new PortalClient(app);
        await stranger.SignInAsync(otherRep);
        using (var notFound = await stranger.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        }

        // No Business support plan: said plainly.
        var (_, planRep, _, planAccount) = await app.CompanyAsync(Code("tp"), ContractType.BillingAgency);
        app.Aws.AddAccount(planAccount).BusinessSupport = false;
        using var planClient = new PortalClient(app);
        await planClient.SignInAsync(planRep);
        using (await planClient.PostFormAsync("/Tools/Accounts", Account(planAccount), $"/Tools/Accounts?handler=Test&account={planAccount}"))
        {
        }

        Assert.Contains("data-test=\"no-support\"", await planClient.GetPageAsync("/Tools/Accounts"), StringComparison.Ordinal);
        using (await planClient.PostFormAsync($"/Tools/TrustedAdvisor?account={planAccount}", new Dictionary<string, string>(), $"/Tools/TrustedAdvisor?handler=Refresh&account={planAccount}"))
        {
        }

        Assert.True(await Eventually.WaitAsync(async () =>
            (await planClient.GetPageAsync($"/Tools/TrustedAdvisor?account={planAccount}")).Contains("data-test=\"tool-error\"", StringComparison.Ordinal)));
        Assert.NotEqual(Guid.Empty, company);
    }

    [Fact]
    [Trait("Spec", "TOOL-2")]
    public async Task Charges_AreFetchedOnce_ShownApproximate_WithTablesAndCsv()
    {
        var (_, rep, _, accountId) = await app.CompanyAsync(Code("ch"), ContractType.BillingAgency);
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        using (await client.PostFormAsync("/Tools/Accounts", Account(accountId), $"/Tools/Accounts?handler=Test&account={accountId}"))
        {
        }

        var url = $"/Tools/Charges?account={accountId}";
        using (var refresh = await client.PostFormAsync(url, new Dictionary<string, string>(), $"/Tools/Charges?handler=Refresh&account={accountId}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        }

        var page = await client.GetPageAsync(url);
        Assert.Contains("概算", page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"charges-months\"", page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"charges-services\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"charges-data\"", page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"fetched-at\"", page, StringComparison.Ordinal);

        // Cached: a second refresh right away is refused and does not call Cost Explorer (it charges per request).
        var calls = 0;
        void Count(SimulatedCall call)
        {
            if (call.Operation == "GetCostAndUsage")
            {
                Interlocked.Increment(ref calls);
            }
        }

        app.Aws.CallObserved += Count;
        try
        {
            using (await client.PostFormAsync(url, new Dictionary<string, string>(), $"/Tools/Charges?handler=Refresh&account={accountId}"))
            {
            }
        }
        finally
        {
            app.Aws.CallObserved -= Count;
        }

        using var csv = await client.GetAsync($"/Tools/Charges?handler=Csv&account={accountId}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("account,month,service,amount,currency,estimated", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.True(text.Split('\n').Length > 12, "a year of months by service");
        Assert.Equal(0, calls);
    }

    [Fact]
    [Trait("Spec", "TOOL-3")]
    public async Task GatedTool_ShowsTheReason_TheEndpointsRefuse_AndAnAdminsRuleOpensIt()
    {
        var (_, rep, _, accountId) = await app.CompanyAsync(Code("gt"), ContractType.FixedPricePlan);
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);

        var charges = await client.GetPageAsync($"/Tools/Charges?account={accountId}");
        Assert.Contains("data-test=\"tool-gated\"", charges, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"refresh\"", charges, StringComparison.Ordinal);
        using (var csv = await client.GetAsync($"/Tools/Charges?handler=Csv&account={accountId}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        }

        using (var post = await client.PostFormAsync("/Tools/Accounts", new Dictionary<string, string>(), $"/Tools/Charges?handler=Refresh&account={accountId}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        // Trusted Advisor is allowed under the fixed-price plan.
        Assert.DoesNotContain("data-test=\"tool-gated\"", await client.GetPageAsync($"/Tools/TrustedAdvisor?account={accountId}"), StringComparison.Ordinal);

        // An admin allows the charges under the fixed-price plan: the tool opens.
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, $"admin@{Code("ad")}.cloudpack.example.jp");
        using var adminClient = new PortalClient(app);
        await adminClient.SignInAsync(admin);
        var rules = await adminClient.GetPageAsync("/Staff/Tools");
        var allowed = Checked().Matches(rules).Select(m => m.Groups[1].Value).Append("Charges:FixedPricePlan").ToList();
        var form = new FormUrlEncodedContent(allowed.Select(v => new KeyValuePair<string, string>("Allowed", v))
            .Append(new("__RequestVerificationToken", Token(await adminClient.GetPageAsync("/Staff/Tools")))));
        using (var saved = await adminClient.Http.PostAsync(new Uri("/Staff/Tools", UriKind.Relative), form))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.DoesNotContain("data-test=\"tool-gated\"", await client.GetPageAsync($"/Tools/Charges?account={accountId}"), StringComparison.Ordinal);
    }

    private static string Code(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..10];

    private static string Token(string html) => WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);

    [GeneratedRegex("data-test=\"external-id\">([A-Za-z0-9]+)<")]
    private static partial Regex ExternalId();

    [GeneratedRegex("value=\"([A-Za-z]+:[A-Za-z]+)\" checked=\"checked\"")]
    private static partial Regex Checked();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
