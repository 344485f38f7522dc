using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Users;

/// <summary>USER-1: everyone lists and views; only the representative creates, edits and deletes.</summary>
public sealed class UserPagesTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    [Trait("Spec", "USER-1")]
    public async Task Member_ListsAndViewsUsers_ButCannotManageThem()
    {
        var company = await app.CreateCompanyAsync("U1M", "一覧株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@u1m.example.jp");
        var member = await app.CreateAccountAsync(company, PersonRole.Member, "member@u1m.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(member);

        var list = await client.GetPageAsync("/Users");
        Assert.Contains("rep@u1m.example.jp", list, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"create-user\"", list, StringComparison.Ordinal);
        Assert.Contains("rep@u1m.example.jp", await client.GetPageAsync($"/Users/{rep.UserId}"), StringComparison.Ordinal);

        foreach (var path in new[] { "/Users/Create", $"/Users/Edit/{rep.UserId}", $"/Users/Delete/{rep.UserId}" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Spec", "USER-1")]
    public async Task Representative_EditsAndDeletesAUser_ButNotThemself()
    {
        var company = await app.CreateCompanyAsync("U1R", "編集株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@u1r.example.jp");
        var member = await app.CreateAccountAsync(company, PersonRole.Member, "member@u1r.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);

        using var edited = await client.PostFormAsync($"/Users/Edit/{member.UserId}", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = "新しい 名前", ["Form.Email"] = member.Email, ["Form.Role"] = "Representative",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var details = await client.GetPageAsync($"/Users/{member.UserId}");
        Assert.Contains("新しい 名前", details, StringComparison.Ordinal);
        Assert.Contains("代表者", details, StringComparison.Ordinal);
        Assert.Equal("Representative", await app.Database.ScalarAsync<string>($"SELECT role FROM core.people WHERE email = '{member.Email}'"));

        using var self = await client.PostFormAsync($"/Users/Delete/{rep.UserId}", new Dictionary<string, string>());
        Assert.Contains("ご自身のアカウントは削除できません", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var deleted = await client.PostFormAsync($"/Users/Delete/{member.UserId}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        using var gone = await client.GetAsync($"/Users/{member.UserId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM identity.audit_entries WHERE action = 'user.deleted' AND target_user_id = '{member.UserId}'"));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var company = await app.CreateCompanyAsync("CSRF", "偽造株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@csrf.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(rep);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.DisplayName"] = "x", ["Form.Email"] = "x@csrf.example.jp", ["Form.Role"] = "Member" });

        using var response = await client.Http.PostAsync(new Uri("/Users/Create", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.users WHERE email = 'x@csrf.example.jp'"));
    }
}
