using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Applications;

/// <summary>The catalogue says what each service costs and includes, and exactly why this company cannot apply when it cannot.</summary>
public sealed class CataloguePageTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<(TestAccount Representative, TestAccount Member)> CompanyAsync(string code, Rank? rank)
    {
        var company = await app.CreateCompanyAsync(code, $"{code} 株式会社");
        var staff = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        if (rank is { } r)
        {
            await app.EnrolAsync(company, staff, r);
        }

        return (await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp"),
            await app.CreateAccountAsync(company, PersonRole.Member, $"member@{code}.example.jp"));
    }

    private async Task<string> PageAsync(TestAccount account, string path = "/Services")
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(account);
        return WebUtility.HtmlDecode(await client.GetPageAsync(path));
    }

    [Fact]
    [Trait("Spec", "ADV-1")]
    [Trait("Spec", "ADV-2")]
    public async Task Representative_SeesCostAndContents_AndCanApplyForTheTraining()
    {
        var (rep, _) = await CompanyAsync("cat1", Rank.Gold);

        var html = await PageAsync(rep);

        Assert.Contains("data-test=\"apply-TRAIN-1\"", html, StringComparison.Ordinal);
        Assert.Contains("チケット 2 枚", html, StringComparison.Ordinal);
        Assert.Contains("セミナーまたはハンズオン", html, StringComparison.Ordinal);
        Assert.Contains("今年度の残り受付枠: 12件", html, StringComparison.Ordinal); // WEB-L's yearly capacity
        Assert.DoesNotContain("ポータルからのお申し込みに未対応", html, StringComparison.Ordinal); // every service of the programme has its form now
    }

    [Fact]
    [Trait("Spec", "TKT-3")]
    public async Task Catalogue_SaysByHowManyTicketsTheBalanceIsShort()
    {
        var (rep, _) = await CompanyAsync("cat2", Rank.Bronze); // 2 tickets a year

        var html = await PageAsync(rep);

        Assert.Contains("data-test=\"apply-TRAIN-1\"", html, StringComparison.Ordinal);
        Assert.Contains("チケットが 8 枚不足しています(残り 2 枚、必要 10 枚)", html, StringComparison.Ordinal); // COST-C costs 10
    }

    [Fact]
    [Trait("Spec", "APP-1")]
    public async Task Member_SeesTheCatalogue_ButCannotApply()
    {
        var (_, member) = await CompanyAsync("cat3", Rank.Gold);

        var html = await PageAsync(member);

        Assert.DoesNotContain("data-test=\"apply-", html, StringComparison.Ordinal);
        Assert.Contains("お申し込みは代表者のみ行えます。", html, StringComparison.Ordinal);
        using var client = new PortalClient(app);
        await client.SignInAsync(member);
        using var form = await client.GetAsync("/Services/Apply/TRAIN-1");
        Assert.Equal("/Account/AccessDenied", form.Headers.Location?.AbsolutePath ?? form.Headers.Location?.OriginalString.Split('?')[0]);
    }

    [Fact]
    [Trait("Spec", "ELIG-1")]
    public async Task Company_WithoutEnrolment_IsToldItIsNotEligible()
    {
        var (rep, _) = await CompanyAsync("cat4", null);

        var html = await PageAsync(rep);

        Assert.DoesNotContain("data-test=\"apply-", html, StringComparison.Ordinal);
        Assert.Contains("ご利用資格が現在ありません", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalogue_InEnglish_GivesTheSameReasonsInEnglish()
    {
        var (rep, _) = await CompanyAsync("cat5", Rank.Bronze);
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        using var saved = await client.PostFormAsync("/Settings", new Dictionary<string, string> { ["culture"] = "en-US" }, "/Settings?handler=Language");

        var html = WebUtility.HtmlDecode(await client.GetPageAsync("/Services"));

        Assert.Contains("You are 8 tickets short (balance 2, cost 10).", html, StringComparison.Ordinal);
        Assert.Contains("AWS training", html, StringComparison.Ordinal);
    }
}
