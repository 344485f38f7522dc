using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.Tests.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Activities.Tests.WebScan;

/// <summary>WEB-L's hearing sheet as the server enforces it, and the customer's cancellation refused (WEB-3).</summary>
public sealed class WebScanApplyTests(TrainingApplicationFixture fx) : IClassFixture<TrainingApplicationFixture>
{
    [Fact]
    [Trait("Spec", "WEB-1")]
    public async Task SixteenActions_AreRefused_FifteenAreAccepted()
    {
        var company = await fx.NewCompanyAsync();
        var versions = await WebScanSetup.TermsAsync(fx, company.CsmId);

        var errors = await WebScanSetup.RefusalsAsync(fx, company, WebScanSetup.Sheet(versions, s => s["actions"] = Enumerable.Range(1, 16).Select(i => $"a{i}").ToArray()));

        var error = Assert.Single(errors);
        Assert.Equal(("actions", FormErrorCodes.MaxItems, "15"), (error.Field, error.Code, error.Argument));
        Assert.True((await WebScanSetup.ApplyAsync(fx, company, WebScanSetup.Sheet(versions))).Created);
    }

    [Fact]
    [Trait("Spec", "WEB-2")]
    public async Task TermsOfUseAndSpecification_MustBothBeAccepted_AndTheirVersionsAreRecorded()
    {
        var company = await fx.NewCompanyAsync();
        var versions = await WebScanSetup.TermsAsync(fx, company.CsmId);

        var errors = await WebScanSetup.RefusalsAsync(fx, company, WebScanSetup.Sheet(versions, s => { s.Remove("termsOfUse"); s["specification"] = false; }));
        Assert.Equal(["specification", "termsOfUse"], errors.Where(e => e.Code == FormErrorCodes.TermsNotAccepted).Select(e => e.Field).Order());
        var stale = await WebScanSetup.RefusalsAsync(fx, company, WebScanSetup.Sheet(versions, s => s["specification"] = versions.Spec + 1));
        Assert.Equal(FormErrorCodes.TermsChanged, Assert.Single(stale).Code);

        var applied = await WebScanSetup.ApplyAsync(fx, company, WebScanSetup.Sheet(versions));
        var application = await fx.ApplicationAsync(applied.ApplicationId);
        using var details = JsonDocument.Parse(application.Details);
        Assert.Equal(versions.Terms, details.RootElement.GetProperty("termsOfUse").GetInt32());
        Assert.Equal(versions.Spec, details.RootElement.GetProperty("specification").GetInt32());
        Assert.Equal(("kdsec-scan-terms", versions.Terms), (application.TermsId, application.TermsVersion));
    }

    [Theory]
    [Trait("Spec", "WEB-5")]
    [InlineData("2026-06-05", FormErrorCodes.BusinessDaysAhead, WebScanSetup.Earliest)] // 19 business days after the application
    [InlineData("2026-06-13", FormErrorCodes.BusinessDay, "2026-06-13")]              // a Saturday after the earliest date
    [InlineData("2026-07-20", FormErrorCodes.BusinessDay, "2026-07-20")]              // Marine Day, a public holiday
    public async Task WishedPeriods_StartNoEarlierThanTwentyBusinessDays_OnABusinessDay(string start, string code, string argument)
    {
        var company = await fx.NewCompanyAsync();
        var versions = await WebScanSetup.TermsAsync(fx, company.CsmId);

        foreach (var field in new[] { "period1From", "period2From" })
        {
            var errors = await WebScanSetup.RefusalsAsync(fx, company, WebScanSetup.Sheet(versions, s => { s[field] = start; s[field.Replace("From", "To")] = "2026-07-31"; }));
            var error = Assert.Single(errors);
            Assert.Equal((field, code, argument), (error.Field, error.Code, error.Argument));
        }

        Assert.True((await WebScanSetup.ApplyAsync(fx, company, WebScanSetup.Sheet(versions, s => s["period3From"] = "2026-06-09"))).Created);
    }

    [Theory]
    [Trait("Spec", "WEB-L")]
    [InlineData("http://10.0.0.5/admin")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("http://localhost:8080/")]
    [InlineData("https://intranet.corp/")]
    [InlineData("ftp://files.example.co.jp/")]
    [InlineData("shop.example.co.jp")]
    public async Task PrivateOrMalformedTargets_AreRefused(string target)
    {
        var company = await fx.NewCompanyAsync();
        var versions = await WebScanSetup.TermsAsync(fx, company.CsmId);

        var errors = await WebScanSetup.RefusalsAsync(fx, company, WebScanSetup.Sheet(versions, s => s["targets"] = new[] { "https://ok.example.co.jp/", target }));

        var error = Assert.Single(errors);
        Assert.Equal(("targets", FormErrorCodes.PublicUrl, target), (error.Field, error.Code, error.Argument));
    }

    [Fact]
    [Trait("Spec", "WEB-3")]
    [Trait("Spec", "TKT-5")]
    public async Task TheCustomerCannotCancel_StaffCancelWithAReason_AndTheTicketsComeBack()
    {
        var company = await fx.NewCompanyAsync();
        var versions = await WebScanSetup.TermsAsync(fx, company.CsmId);
        var before = await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId);
        var applied = await WebScanSetup.ApplyAsync(fx, company, WebScanSetup.Sheet(versions));
        Assert.Equal(before - 10, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));

        await Assert.ThrowsAsync<NotCancellableException>(() => fx.CancelAsync(applied.ApplicationId, company.RepresentativeId, "やめます"));
        Assert.Equal(ApplicationStatus.Submitted, (await fx.ApplicationAsync(applied.ApplicationId)).Status);
        Assert.NotNull(await fx.OpenTaskAsync(applied.ApplicationId, "triage"));

        await fx.CancelAsync(applied.ApplicationId, company.CsmId, "パートナーの受入不可のため");

        Assert.Equal(ApplicationStatus.Cancelled, (await fx.ApplicationAsync(applied.ApplicationId)).Status);
        Assert.Equal(before, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
        Assert.Null(await fx.OpenTaskAsync(applied.ApplicationId, "triage"));
    }
}
