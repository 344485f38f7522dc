using CloudpackPlus.Portal.Mail;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace CloudpackPlus.Portal.Tests.Mail;

/// <summary>The demo's mail mode: each message becomes a readable .eml file.</summary>
public sealed class CaptureMailTransportTests
{
    [Fact]
    public async Task CapturedMail_IsWrittenAsAnEmlFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cp-mail-{Guid.NewGuid():N}");
        try
        {
            var transport = new CaptureMailTransport(Options.Create(new MailOptions { Mode = MailMode.Capture, CaptureDirectory = folder }), new FakeTimeProvider());
            var message = new MimeMessage { Subject = "【cloudpack+】テスト" };
            message.From.Add(new MailboxAddress("cloudpack+", "noreply@cloudpack.example.jp"));
            message.To.Add(new MailboxAddress("山田", "rep@demo.example.jp"));
            message.Body = new TextPart("plain") { Text = "仮パスワード: Abc-123456789" };

            await transport.SendAsync(message, CancellationToken.None);

            var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
            var read = await MimeMessage.LoadAsync(file);
            Assert.Equal("【cloudpack+】テスト", read.Subject);
            Assert.Contains("Abc-123456789", read.TextBody, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Templates_RenderSubjectAndBody_InBothLanguages()
    {
        var templates = new MailTemplates(Options.Create(new MailOptions()));
        var model = new { Name = "山田 太郎", Email = "rep@demo.example.jp", Password = "Temp-Passw0rd", PortalUrl = "http://127.0.0.1:5080" };

        var ja = templates.Render(AccountTemplates.Issued, "ja-JP", model);
        var en = templates.Render(AccountTemplates.Issued, "en-US", model);

        Assert.Equal("【cloudpack+】ポータルのアカウントを発行しました", ja.Subject);
        Assert.Contains("山田 太郎 様", ja.Body, StringComparison.Ordinal);
        Assert.Contains("仮パスワード: Temp-Passw0rd", ja.Body, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/Account/Login", ja.Body, StringComparison.Ordinal);
        Assert.Equal("[cloudpack+] Your portal account", en.Subject);
        Assert.Contains("Temporary password: Temp-Passw0rd", en.Body, StringComparison.Ordinal);
    }

    private static class AccountTemplates
    {
        public const string Issued = CloudpackPlus.Portal.Accounts.AccountService.AccountIssuedTemplate;
    }
}
