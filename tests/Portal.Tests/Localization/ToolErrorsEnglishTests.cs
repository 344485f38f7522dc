using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Portal.Tests.Tools;
using CloudpackPlus.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Localization;

/// <summary>
/// The English-pages check for the tools' error states, which the page-by-page world does not reach: a missing
/// permission, throttling, no support plan and a role that can no longer be assumed are said in English to an English
/// user, with no Japanese outside the company's own data.
/// </summary>
public sealed class ToolErrorsEnglishTests(ToolsAppFactory app) : IClassFixture<ToolsAppFactory>
{
    private static Dictionary<string, string> Account(string id) => new() { ["account"] = id };

    [Fact]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "TOOL-2")]
    public async Task ToolErrors_AreInEnglish_ForAnEnglishUser()
    {
        var code = $"en{Guid.NewGuid():N}"[..10];
        var (_, rep, _, accountId) = await app.CompanyAsync(code, ContractType.BillingAgency);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByIdAsync(rep.UserId.ToString());
            user!.Culture = "en-US";
            await users.UpdateAsync(user);
        }

        var account = app.Aws.AddAccount(accountId);
        account.ProvisionWithout.Add("ce:GetCostAndUsage");
        account.BusinessSupport = false;
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        string[] data = ["商事", "本番"]; // the company's name and the account's name, as staff typed them
        async Task<string> EnglishAsync(string path, string marker)
        {
            var html = await client.GetPageAsync(path);
            Assert.Contains($"data-test=\"{marker}\"", html, StringComparison.Ordinal);
            var japanese = EnglishPagesTests.JapaneseIn(html, data).ToList();
            Assert.True(japanese.Count == 0, $"{path}: " + string.Join(" | ", japanese));
            return html;
        }

        async Task PostAsync(string page, string handler)
        {
            using var response = await client.PostFormAsync(page, Account(accountId), $"{page.Split('?')[0]}?handler={handler}&account={accountId}");
        }

        await PostAsync("/Tools/Accounts", "Test");
        Assert.Contains("ce:GetCostAndUsage", await EnglishAsync("/Tools/Accounts", "missing"), StringComparison.Ordinal);
        Assert.Contains("data-test=\"no-support\"", await client.GetPageAsync("/Tools/Accounts"), StringComparison.Ordinal);

        // The stack is updated; Cost Explorer then throttles.
        account.Roles["CloudpackPlusReadOnly"].Permissions.Add("ce:GetCostAndUsage");
        await PostAsync("/Tools/Accounts", "Test");
        app.Aws.InjectFault("GetCostAndUsage", 400, "ThrottlingException", times: 1000, message: "Rate exceeded");
        try
        {
            await PostAsync($"/Tools/Charges?account={accountId}", "Refresh");
            Assert.Contains("Try again later", await EnglishAsync($"/Tools/Charges?account={accountId}", "tool-error"), StringComparison.Ordinal);
        }
        finally
        {
            app.Aws.ClearFaults();
        }

        // No Business support plan: Trusted Advisor says so, in English.
        await PostAsync($"/Tools/TrustedAdvisor?account={accountId}", "Refresh");
        Assert.True(await Eventually.WaitAsync(async () =>
            (await client.GetPageAsync($"/Tools/TrustedAdvisor?account={accountId}")).Contains("data-test=\"tool-error\"", StringComparison.Ordinal)));
        Assert.Contains("support plan", await EnglishAsync($"/Tools/TrustedAdvisor?account={accountId}", "tool-error"), StringComparison.Ordinal);

        // The external id rotated: the role cannot be assumed any more.
        using (await client.PostFormAsync("/Tools/Accounts", new Dictionary<string, string>(), "/Tools/Accounts?handler=Rotate"))
        {
        }

        await PostAsync("/Tools/Accounts", "Test");
        Assert.Contains("trust policy", await EnglishAsync("/Tools/Accounts", "error"), StringComparison.Ordinal);
    }
}
