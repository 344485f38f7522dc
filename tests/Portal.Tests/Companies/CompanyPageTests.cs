using System.Net;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Companies;

/// <summary>The company page shows the programme data of the signed-in user's company, read-only when suspended.</summary>
public sealed partial class CompanyPageTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<(Guid Company, Guid Contract, TestAccount Representative)> EnrolledCompanyAsync(string code, string maintainedAccount, string otherAccount)
    {
        var company = await app.CreateCompanyAsync(code, $"{code} 表示株式会社");
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, $"admin@{code.ToLowerInvariant()}.cloudpack.example.jp");
        var adminPerson = await app.Database.ScalarAsync<Guid>($"SELECT id FROM core.people WHERE email = '{admin.Email}'");
        await using var scope = app.Services.CreateAsyncScope();
        var enrolment = scope.ServiceProvider.GetRequiredService<EnrolmentService>();
        var contract = await enrolment.RecordContractAsync(company, ContractType.BillingAgency, new DateOnly(2025, 4, 1), null, adminPerson);
        await enrolment.EnrolAsync(company, Rank.Gold, "テスト入会", adminPerson);
        var ledger = scope.ServiceProvider.GetRequiredService<TicketLedger>();
        await ledger.ReserveAsync(new TicketSpendRequest(company, Guid.NewGuid(), 2, "TRAIN-1", adminPerson));
        var accounts = scope.ServiceProvider.GetRequiredService<AwsAccountService>();
        var maintained = await accounts.LinkAsync(company, maintainedAccount, true, "本番環境", adminPerson);
        await accounts.SetMaintenanceAsync(maintained.Id, true, $"{code}_OPS", adminPerson);
        await accounts.LinkAsync(company, otherAccount, true, "検証環境", adminPerson);
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code.ToLowerInvariant()}.example.jp");
        return (company, contract.Id, rep);
    }

    [Fact]
    [Trait("Spec", "CO-1")]
    [Trait("Spec", "TKT-4")]
    public async Task CompanyPage_ShowsRankBalanceHistoryWithRunningBalance_AndLinkedAccounts()
    {
        var (_, _, rep) = await EnrolledCompanyAsync("COPAGE", "111122223333", "444455556666");
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);

        var html = await client.GetPageAsync("/Company");

        Assert.Contains("rank-gold", html, StringComparison.Ordinal);
        Assert.Matches(@"data-test=""balance"">\s*13", html);
        var history = Section(html, "ticket-history");
        var numbers = NumberCells().Matches(WebUtility.HtmlDecode(history)).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["+15", "15", "-2", "13"], numbers);
        Assert.Contains("AWSトレーニング", history, StringComparison.Ordinal);
        var accounts = Section(html, "aws-accounts");
        Assert.Contains("111122223333", accounts, StringComparison.Ordinal);
        Assert.Contains("444455556666", accounts, StringComparison.Ordinal);
        Assert.Contains("あり", accounts, StringComparison.Ordinal);
        Assert.Contains("なし", accounts, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "ELIG-4")]
    public async Task SuspendedCompany_ReadsItsHistory_ButCannotAddUsers()
    {
        var (company, contract, rep) = await EnrolledCompanyAsync("SUSP", "777788889999", "777788880000");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var enrolment = scope.ServiceProvider.GetRequiredService<EnrolmentService>();
            var admin = await app.Database.ScalarAsync<Guid>("SELECT id FROM core.people WHERE email = 'admin@susp.cloudpack.example.jp'");
            await enrolment.EndContractAsync(contract, new DateOnly(2026, 4, 30), admin);
            await enrolment.SuspendLapsedCompaniesAsync();
        }

        using var client = new PortalClient(app);
        await client.SignInAsync(rep);

        var page = await client.GetPageAsync("/Company");
        using var create = await client.PostFormAsync("/Users/Create", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = "停止中", ["Form.Email"] = "new@susp.example.jp", ["Form.Role"] = "Member",
        });

        Assert.Contains("ご利用は停止中です", page, StringComparison.Ordinal);
        Assert.Contains("777788889999", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        Assert.Contains("ご利用停止中のため", await create.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.people WHERE email = 'new@susp.example.jp'"));
        Assert.Equal("Suspended", await app.Database.ScalarAsync<string>($"SELECT status FROM core.companies WHERE id = '{company}'"));
    }

    private static string Section(string html, string dataTest)
    {
        var start = html.IndexOf($"data-test=\"{dataTest}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {dataTest} on the page");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"<td class=""num"">\s*([+-]?\d+)\s*</td>")]
    private static partial Regex NumberCells();
}
