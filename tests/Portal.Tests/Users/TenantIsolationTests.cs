using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Core.Tenancy;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Users;

/// <summary>A company's users never see another company's data: the data layer filters, pages answer 404.</summary>
public sealed class TenantIsolationTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task AnotherCompanysUser_IsNotFound_OnEveryUserPage()
    {
        var a = await app.CreateCompanyAsync("TENA", "A 株式会社");
        var b = await app.CreateCompanyAsync("TENB", "B 株式会社");
        var repA = await app.CreateAccountAsync(a, PersonRole.Representative, "rep@a.example.jp");
        var memberB = await app.CreateAccountAsync(b, PersonRole.Member, "member@b.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(repA);

        foreach (var path in new[] { $"/Users/{memberB.UserId}", $"/Users/Edit/{memberB.UserId}", $"/Users/Delete/{memberB.UserId}" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var delete = await client.PostFormAsync($"/Users/Delete/{repA.UserId}", new Dictionary<string, string>(), $"/Users/Delete/{memberB.UserId}");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.DoesNotContain("member@b.example.jp", await client.GetPageAsync("/Users"), StringComparison.Ordinal);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM identity.users WHERE id = '{memberB.UserId}'"));
    }

    [Fact]
    public async Task IdentityContext_FiltersAccountsByTheScopesCompany()
    {
        var a = await app.CreateCompanyAsync("FILA", "フィルタ A");
        var b = await app.CreateCompanyAsync("FILB", "フィルタ B");
        await app.CreateAccountAsync(a, PersonRole.Member, "one@fila.example.jp");
        var other = await app.CreateAccountAsync(b, PersonRole.Member, "two@filb.example.jp");

        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<PortalIdentityDbContext>>();
        await using var asCompanyA = new PortalIdentityDbContext(options, FixedTenant.ForCompany(a));

        var emails = await asCompanyA.Users.Select(u => u.Email).ToListAsync();
        Assert.Contains("one@fila.example.jp", emails);
        Assert.DoesNotContain("two@filb.example.jp", emails);
        Assert.Null(await asCompanyA.Users.SingleOrDefaultAsync(u => u.Id == other.UserId));
    }
}
