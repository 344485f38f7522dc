using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Terms;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;

namespace CloudpackPlus.Core.Tests.Terms;

public sealed class TermsServiceTests(CoreDatabaseFixture database) : CoreServiceTest(database, CoreTestHost.Jst(2026, 5, 11))
{
    [Fact]
    [Trait("Spec", "WEB-2")]
    public async Task Publish_AddsANewVersion_AndKeepsTheOldOnes()
    {
        var id = "terms-" + Guid.NewGuid().ToString("N")[..8];

        var first = await TestHost.With<TermsService, TermsDocument>(t => t.PublishAsync(id, "規約", "Terms", "第1版", "v1", Staff));
        var second = await TestHost.With<TermsService, TermsDocument>(t => t.PublishAsync(id, "規約", "Terms", "第2版", "v2", Staff));
        var latest = await TestHost.With<TermsService, TermsDocument?>(t => t.LatestAsync(id));

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(("第2版", 2), (latest!.TextJa, latest.Version));
    }

    [Fact]
    [Trait("Spec", "WEB-2")]
    public async Task Publish_IsRefused_ForSomeoneNotStaff_OrWithoutText()
    {
        var notStaff = await Assert.ThrowsAsync<ProgrammeRuleException>(() =>
            TestHost.With<TermsService, TermsDocument>(t => t.PublishAsync("customer-terms", "規約", "Terms", "本文", "Text", Guid.NewGuid())));
        Assert.Equal("not_staff", notStaff.Code);
        var empty = await Assert.ThrowsAsync<ProgrammeRuleException>(() =>
            TestHost.With<TermsService, TermsDocument>(t => t.PublishAsync("empty-terms", "規約", "Terms", " ", "Text", Staff)));
        Assert.Equal("terms_invalid", empty.Code);
        Assert.Null(await TestHost.With<TermsService, TermsDocument?>(t => t.LatestAsync("empty-terms")));
    }
}
