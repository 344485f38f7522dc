using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Nudges;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Dashboard;

/// <summary>
/// TKT-2: unused tickets lapse at the end of the fiscal year (31 March, Tokyo) and never carry over, so companies with
/// tickets left are nudged at 60, 30 and 7 days before: once each, in each representative's language, by a daily job
/// that may rerun or run on two hosts; the portal home shows a banner in that window. The clock is injected.
/// </summary>
public sealed class TicketNudgeTests(TicketNudgeTests.Fixture app) : IClassFixture<TicketNudgeTests.Fixture>
{
    /// <summary>FY2026 (lapse at the end of 2027-03-31): a Japanese and an English representative with tickets, and a Regular company with none.</summary>
    public sealed class Fixture : PortalAppFactory
    {
        public TestAccount RepJa { get; private set; } = null!;

        public TestAccount RepEn { get; private set; } = null!;

        public TestAccount RepNone { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var csm = await CreateAccountAsync(null, PersonRole.Csm, "nudge-csm@cloudpack.example.jp");
            var ja = await DashboardSeed.CompanyAsync(this, "NUDGE-JA", "日本語 株式会社", Rank.Gold, csm, spent: 2);
            var en = await DashboardSeed.CompanyAsync(this, "NUDGE-EN", "English Ltd", Rank.Silver, csm);
            var none = await DashboardSeed.CompanyAsync(this, "NUDGE-NONE", "無し 株式会社", Rank.Regular, csm);
            RepJa = await CreateAccountAsync(ja, PersonRole.Representative, "nudge-ja@example.jp");
            RepEn = await CreateAccountAsync(en, PersonRole.Representative, "nudge-en@example.com");
            RepNone = await CreateAccountAsync(none, PersonRole.Representative, "nudge-none@example.jp");
            await CreateAccountAsync(ja, PersonRole.Member, "nudge-member@example.jp");
            await using var scope = Services.CreateAsyncScope();
            var identity = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
            await identity.Database.ExecuteSqlRawAsync("UPDATE identity.users SET culture = 'en-US' WHERE email = 'nudge-en@example.com'");
        }

        /// <summary>Moves the fake clock to 10:00 Tokyo on <paramref name="date"/> (forward only).</summary>
        public void MoveTo(DateOnly date) => Clock.SetUtcNow(Core.Time.Tokyo.At(date, new TimeOnly(10, 0)));

        public async Task<int> RunJobAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TicketNudgeJob>().SendDueAsync();
        }

        public async Task<List<string>> NudgeMailsToAsync(string address)
        {
            await using var scope = Services.CreateAsyncScope();
            var identity = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
            return await identity.MailOutbox.Where(m => m.ToAddress == address && m.Template == TicketNudgeJob.Template)
                .OrderBy(m => m.CreatedAt).Select(m => m.Subject).ToListAsync();
        }
    }

    [Fact]
    [Trait("Spec", "TKT-2")]
    public async Task Nudges_GoOutAt60_30And7Days_OnceEach_InTheRecipientsLanguage_OnlyWithTicketsLeft()
    {
        // 61 days before the lapse: outside every window; the home page shows no banner.
        app.MoveTo(new DateOnly(2027, 1, 30));
        Assert.Equal(0, await app.RunJobAsync());
        using (var client = new PortalClient(app))
        {
            await client.SignInAsync(app.RepJa);
            Assert.DoesNotContain("data-test=\"ticket-nudge\"", await client.GetPageAsync("/"), StringComparison.Ordinal);
        }

        // 60 days: both companies with tickets left, once; a rerun the same day sends nothing.
        app.MoveTo(new DateOnly(2027, 1, 31));
        Assert.Equal(2, await app.RunJobAsync());
        Assert.Equal(0, await app.RunJobAsync());
        var ja = await app.Smtp.WaitForAsync(app.RepJa.Email, m => m.Subject?.Contains("チケット", StringComparison.Ordinal) == true);
        Assert.Contains("2027年3月31日", ja.Subject, StringComparison.Ordinal);
        Assert.Contains("あと 60 日", ja.Subject, StringComparison.Ordinal);
        Assert.Contains("13 枚", ja.TextBody, StringComparison.Ordinal);
        var en = await app.Smtp.WaitForAsync(app.RepEn.Email, m => m.Subject?.Contains("tickets", StringComparison.Ordinal) == true);
        Assert.Contains("31 March 2027", en.Subject, StringComparison.Ordinal);
        Assert.Contains("5 cloudpack+ tickets left", en.TextBody, StringComparison.Ordinal);
        using (var client = new PortalClient(app))
        {
            await client.SignInAsync(app.RepJa);
            var home = await client.GetPageAsync("/");
            Assert.Contains("data-test=\"ticket-nudge\"", home, StringComparison.Ordinal);
            Assert.Contains("残り 13 枚", home, StringComparison.Ordinal);
        }

        // 30 days: two hosts run the job at once; each company gets one 30-day nudge.
        app.MoveTo(new DateOnly(2027, 3, 2));
        var runs = await Task.WhenAll(app.RunJobAsync(), app.RunJobAsync());
        Assert.Equal(2, runs.Sum());

        // 7 days, and a run on the last day that finds the 7-day nudge already sent.
        app.MoveTo(new DateOnly(2027, 3, 25));
        Assert.Equal(2, await app.RunJobAsync());
        app.MoveTo(new DateOnly(2027, 3, 31));
        Assert.Equal(0, await app.RunJobAsync());

        Assert.Equal(3, (await app.NudgeMailsToAsync(app.RepJa.Email)).Count);
        Assert.Equal(3, (await app.NudgeMailsToAsync(app.RepEn.Email)).Count);
        Assert.Empty(await app.NudgeMailsToAsync(app.RepNone.Email)); // no tickets, nothing to lapse
        Assert.Empty(await app.NudgeMailsToAsync("nudge-member@example.jp")); // representatives apply (APP-1); members see the banner
        Assert.All(await app.NudgeMailsToAsync(app.RepEn.Email), s => Assert.StartsWith("[cloudpack+]", s, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(61, null)]
    [InlineData(60, 60)]
    [InlineData(45, 60)]
    [InlineData(30, 30)]
    [InlineData(8, 30)]
    [InlineData(7, 7)]
    [InlineData(1, 7)]
    [Trait("Spec", "TKT-2")]
    public void Threshold_IsTheMostUrgentWindowReached(int daysLeft, int? expected) =>
        Assert.Equal(expected, new TicketNudgeOptions().ThresholdFor(daysLeft));
}
