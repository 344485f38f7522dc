using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Notifications;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Notifications;

/// <summary>The e-mail copy of portal notifications: one mail each, to the person's address, in their language, never twice.</summary>
public sealed class NotificationMailerTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task PendingNotifications_AreMailedOnceEach_ToTheRecipient_InTheirLanguage()
    {
        var company = await app.CreateCompanyAsync("NM1", "通知メール株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@nm1.example.jp");
        var member = await app.CreateAccountAsync(company, PersonRole.Member, "member@nm1.example.jp");
        await NotificationSeed.SetCultureAsync(app, member, "en-US");
        var repPerson = await NotificationSeed.PersonIdAsync(app, rep);
        var memberPerson = await NotificationSeed.PersonIdAsync(app, member);
        var application = Guid.NewGuid();
        await NotificationSeed.AddAsync(app, repPerson, "[CP-1] 日程が確定しました", "[CP-1] The date was agreed",
            "5月20日 14:00 に決まりました。\n当日はよろしくお願いします。", "Agreed for 20 May 14:00.", $"/Applications/{application}", company);
        await NotificationSeed.AddAsync(app, repPerson, "[CP-1] 新しいメッセージ\n(2 行目)", "[CP-1] New message", link: "/Applications/x");
        await NotificationSeed.AddAsync(app, memberPerson, "[CP-2] 申請を受け付けました", "[CP-2] Application received",
            "本文", "The CSM will contact you.", "//evil.example/phish", company);

        await NotificationSeed.MailOnceAsync(app);

        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.notifications WHERE mailed_at IS NULL"));
        Assert.Equal(2L, await NotificationSeed.OutboxCountAsync(app, rep.Email));
        Assert.Equal(1L, await NotificationSeed.OutboxCountAsync(app, member.Email));

        var agreed = await app.Smtp.WaitForAsync(rep.Email, m => (m.Subject ?? "").Contains("日程が確定しました", StringComparison.Ordinal));
        Assert.Equal("【cloudpack+】[CP-1] 日程が確定しました", agreed.Subject);
        Assert.Contains("5月20日 14:00 に決まりました。\n当日はよろしくお願いします。", Normalize(agreed.TextBody), StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:5080/Applications/{application}", agreed.TextBody, StringComparison.Ordinal);
        var twoLines = await app.Smtp.WaitForAsync(rep.Email, m => (m.Subject ?? "").Contains("新しいメッセージ", StringComparison.Ordinal));
        Assert.Equal("【cloudpack+】[CP-1] 新しいメッセージ (2 行目)", twoLines.Subject); // a line break cannot end the subject early
        var english = await app.Smtp.WaitForAsync(member.Email);
        Assert.Equal("[cloudpack+] [CP-2] Application received", english.Subject);
        Assert.Contains("The CSM will contact you.", english.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/Notifications", english.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", english.TextBody, StringComparison.Ordinal);

        // Once the outbox has delivered everything, a second run finds nothing and sends nothing more.
        Assert.True(await Eventually.WaitAsync(async () =>
            await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.mail_outbox WHERE sent_at IS NULL") == 0));
        var second = await NotificationSeed.MailOnceAsync(app);
        Assert.Equal(0, second.Claimed);
        Assert.Equal(2L, await NotificationSeed.OutboxCountAsync(app, rep.Email));
        Assert.Equal(1L, await NotificationSeed.OutboxCountAsync(app, member.Email));
        Assert.Equal(2, app.Smtp.Messages.Count(m => m.To.Mailboxes.Any(b => b.Address == rep.Email)));
        Assert.Equal(1, app.Smtp.Messages.Count(m => m.To.Mailboxes.Any(b => b.Address == member.Email)));
    }

    [Fact]
    public async Task APersonWithoutAPortalAccount_IsMarkedMailed_WithNothingSent()
    {
        var company = await app.CreateCompanyAsync("NM2", "退職者株式会社");
        Guid gone;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The person stays in Core after their account is deleted (history points at them).
            var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            var person = new Person { CompanyId = company, Email = "left@nm2.example.jp", DisplayName = "退職 済", Role = PersonRole.Member, CreatedAt = app.Clock.GetUtcNow() };
            core.People.Add(person);
            await core.SaveChangesAsync();
            gone = person.Id;
        }

        var id = await NotificationSeed.AddAsync(app, gone, "会社の申請が更新されました", "The company's application changed", companyId: company);

        await NotificationSeed.MailOnceAsync(app);

        Assert.True(await app.Database.ScalarAsync<bool>($"SELECT mailed_at IS NOT NULL FROM core.notifications WHERE id = '{id}'"));
        Assert.Equal(0L, await NotificationSeed.OutboxCountAsync(app, "left@nm2.example.jp"));
    }

    [Fact]
    public async Task TwoMailersAtOnce_NeverMailANotificationTwice()
    {
        var company = await app.CreateCompanyAsync("NM3", "同時実行株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@nm3.example.jp");
        var person = await NotificationSeed.PersonIdAsync(app, rep);
        const int count = 40;
        for (var i = 0; i < count; i++)
        {
            await NotificationSeed.AddAsync(app, person, $"通知 {i}", $"Notification {i}", companyId: company);
        }

        async Task<int> DrainAsync()
        {
            var total = 0;
            while ((await NotificationSeed.MailOnceAsync(app, batchSize: 3)) is { Claimed: > 0 } batch)
            {
                total += batch.Mailed;
            }

            return total;
        }

        await Task.WhenAll(DrainAsync(), DrainAsync());

        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.notifications WHERE mailed_at IS NULL"));
        Assert.Equal((long)count, await NotificationSeed.OutboxCountAsync(app, rep.Email));
        Assert.Equal((long)count, await app.Database.ScalarAsync<long>(
            $"SELECT count(DISTINCT subject) FROM identity.mail_outbox WHERE template = 'notification' AND to_address = '{rep.Email}'"));
    }

    [Fact]
    public void Mailer_IsARecurringJobEveryMinute()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == NotificationMailer.JobId);

        Assert.Equal(Cron.Minutely(), job.Cron);
        Assert.Equal(typeof(NotificationMailer), job.Job.Type);
    }

    private static string Normalize(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
}
