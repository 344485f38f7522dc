using CloudpackPlus.Activities.Consulting;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Tests.Notifications;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CloudpackPlus.Portal.Tests.Mail;

/// <summary>A notification's attachments (a meeting's .ics) travel with its e-mail copy: outbox row → multipart/mixed mail.</summary>
public sealed class MailAttachmentTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    [Trait("Spec", "COST-C")]
    [Trait("Spec", "SEC-C")]
    public async Task TheMeetingInvite_ArrivesAsACalendarAttachment_BesideTheText()
    {
        var company = await app.CreateCompanyAsync("MA1", "添付メール株式会社");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, "rep@ma1.example.jp");
        var person = await NotificationSeed.PersonIdAsync(app, rep);
        var ics = IcsCalendar.Bytes(new MeetingInvite("app-1-scoping@cloudpackplus", 0,
            new DateTimeOffset(2026, 12, 9, 14, 0, 0, TimeSpan.FromHours(9)), new DateTimeOffset(2026, 12, 9, 15, 30, 0, TimeSpan.FromHours(9)),
            "[CP-9] スコーピング会議", "資料は当日共有します", "https://meet.example.jp/r/1",
            new MeetingPerson("CSM 太郎", "csm@cloudpack.example.jp"), [new MeetingPerson("代表 花子", rep.Email)], app.Clock.GetUtcNow()));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            core.Notifications.Add(new Notification
            {
                RecipientId = person, CompanyId = company, Kind = "meeting-scoping", TitleJa = "[CP-9] スコーピング会議のご案内", TitleEn = "[CP-9] Scoping meeting",
                BodyJa = "日時: 2026-12-09 14:00–15:30", CreatedAt = app.Clock.GetUtcNow(),
                Attachments = MailAttachment.ToJson([new MailAttachment("CP-9-scoping.ics", IcsCalendar.ContentType, ics)]),
            });
            await core.SaveChangesAsync();
        }

        await NotificationSeed.MailOnceAsync(app);
        var mail = await app.Smtp.WaitForAsync(rep.Email, m => (m.Subject ?? "").Contains("スコーピング会議", StringComparison.Ordinal));

        Assert.Contains("日時: 2026-12-09 14:00–15:30", mail.TextBody, StringComparison.Ordinal);
        var part = Assert.IsAssignableFrom<MimePart>(Assert.Single(mail.Attachments)); // MimeKit reads text/calendar back as a TextPart
        Assert.Equal("CP-9-scoping.ics", part.FileName);
        Assert.Equal(("text/calendar", "REQUEST"), (part.ContentType.MimeType, part.ContentType.Parameters["method"]));
        using var content = new MemoryStream();
        await part.Content!.DecodeToAsync(content);
        Assert.Equal(ics, content.ToArray());
        var lines = IcsReader.Parse(content.ToArray());
        Assert.Equal(("REQUEST", "app-1-scoping@cloudpackplus", "20261209T063000Z"),
            (IcsReader.Value(lines, "METHOD"), IcsReader.Value(lines, "UID"), IcsReader.Value(lines, "DTEND")));
        Assert.Equal($"mailto:{rep.Email}", lines.Single(l => l.Name == "ATTENDEE").Value);

        // Once delivered, the outbox row keeps neither the body nor the attachment.
        Assert.True(await Eventually.WaitAsync(async () =>
            await app.Database.ScalarAsync<long>($"SELECT count(*) FROM identity.mail_outbox WHERE to_address = '{rep.Email}' AND sent_at IS NOT NULL AND attachments IS NULL AND body IS NULL") == 1));
    }
}
