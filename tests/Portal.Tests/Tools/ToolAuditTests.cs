using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Tools;

/// <summary>
/// The customer tools' actions are audited (who, what, which company and account) and seen in /Staff/Audit: test
/// connection, Trusted Advisor and charges refresh, the charges CSV download, disconnect and the external-id rotation.
/// A refused action (a member rotating) leaves no entry.
/// </summary>
public sealed class ToolAuditTests(ToolsAppFactory app) : IClassFixture<ToolsAppFactory>
{
    private static Dictionary<string, string> Account(string id) => new() { ["account"] = id };

    [Fact]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "TOOL-2")]
    public async Task ToolActions_AreInTheAuditLog_WithActorCompanyAndAccount()
    {
        var code = $"ta{Guid.NewGuid():N}"[..10];
        var (_, rep, member, accountId) = await app.CompanyAsync(code, ContractType.BillingAgency);
        app.Aws.AddAccount(accountId);
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        async Task PostAsync(string page, string handler, Dictionary<string, string> fields)
        {
            using var response = await client.PostFormAsync(page, fields, $"{page.Split('?')[0]}?handler={handler}&account={accountId}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await PostAsync("/Tools/Accounts", "Test", Account(accountId));
        await PostAsync($"/Tools/Charges?account={accountId}", "Refresh", new Dictionary<string, string>());
        await PostAsync($"/Tools/TrustedAdvisor?account={accountId}", "Refresh", new Dictionary<string, string>());
        using (var csv = await client.GetAsync($"/Tools/Charges?handler=Csv&account={accountId}"))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        }

        await PostAsync("/Tools/Accounts", "Disconnect", Account(accountId));
        using (var memberClient = new PortalClient(app))
        {
            await memberClient.SignInAsync(member);
            using var refused = await memberClient.PostFormAsync("/Tools/Accounts", new Dictionary<string, string>(), "/Tools/Accounts?handler=Rotate");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var rotated = await client.PostFormAsync("/Tools/Accounts", new Dictionary<string, string>(), "/Tools/Accounts?handler=Rotate"))
        {
            Assert.Equal(HttpStatusCode.Redirect, rotated.StatusCode);
        }

        using var admin = new PortalClient(app);
        await admin.SignInAsync(await app.CreateAccountAsync(null, PersonRole.Admin, $"admin@{code}.cloudpack.example.jp"));
        var log = await admin.GetPageAsync($"/Staff/Audit?company={code}");
        var rows = log.Split("data-test=\"audit-row\"").Skip(1).Select(r => r[..r.IndexOf("</tr>", StringComparison.Ordinal)]).ToList();
        string[] expected = ["tool.connection.test", "tool.charges.refresh", "tool.trusted-advisor.refresh", "tool.charges.csv", "tool.connection.disconnect", "tool.external-id.rotate"];
        Assert.Equal(expected.Length, rows.Count);
        foreach (var action in expected)
        {
            var row = Assert.Single(rows, r => r.Contains($"<code>{action}</code>", StringComparison.Ordinal));
            Assert.Contains(rep.Email, row, StringComparison.Ordinal);
            Assert.Contains($"({code})", row, StringComparison.Ordinal);
            if (action != "tool.external-id.rotate")
            {
                Assert.Contains(accountId, row, StringComparison.Ordinal);
            }
        }

        Assert.Contains("Connected", Assert.Single(rows, r => r.Contains("tool.connection.test", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("tool.charges.csv", await admin.GetPageAsync("/Staff/Audit?kind=tool.charges.csv"), StringComparison.Ordinal);
    }
}
