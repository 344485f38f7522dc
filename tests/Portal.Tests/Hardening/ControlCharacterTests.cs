using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Hardening;

/// <summary>Control characters in a form or query answer 400 with the error page, never 500, and store nothing.</summary>
public sealed class ControlCharacterTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Theory]
    [InlineData("\u0000")]
    [InlineData("a\u001bb")]
    [InlineData("\u007f")]
    public async Task ControlCharacters_InAStaffForm_AreRefusedWith400_AndStoreNothing(string value)
    {
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"ctl{(int)value[^1]}@cloudpack.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(csm);
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.companies");

        using var response = await client.PostFormAsync("/Staff/Companies/Create", new Dictionary<string, string> { ["Form.Name"] = value, ["Form.Code"] = "CTL" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("入力を受け付けられません", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.companies"));
    }

    [Fact]
    public async Task ControlCharacters_InAQueryOrReturnUrl_AreRefusedWith400()
    {
        using var client = new PortalClient(app);

        using var response = await client.GetAsync("/Account/Login?returnUrl=%2F%00%1b");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
