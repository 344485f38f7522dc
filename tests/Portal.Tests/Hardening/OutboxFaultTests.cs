using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Mail;
using CloudpackPlus.Portal.Tests.Support;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CloudpackPlus.Portal.Tests.Hardening;

/// <summary>Mail server down: the outbox keeps the message (body and all) and a later sweep delivers it once.</summary>
public sealed class OutboxFaultTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task WithTheMailServerDown_TheMessageIsKept_AndSentOnceWhenItIsBack()
    {
        const string to = "outage@example.jp";
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
            var message = new MailOutboxMessage
            {
                ToAddress = to, ToName = "障害テスト", Template = "test", Culture = "ja-JP", Subject = "件名", Body = "本文です。",
                CreatedAt = app.Clock.GetUtcNow(),
            };
            db.MailOutbox.Add(message);
            await db.SaveChangesAsync();
            id = message.Id;

            var down = new MailDispatchJob(db, new ClosedPortTransport(), scope.ServiceProvider.GetRequiredService<IOptions<MailOptions>>(), app.Clock,
                scope.ServiceProvider.GetRequiredService<ILogger<MailDispatchJob>>());
            await Assert.ThrowsAnyAsync<Exception>(() => down.SendAsync(id, CancellationToken.None));
            await Assert.ThrowsAnyAsync<Exception>(() => down.SendAsync(id, CancellationToken.None));
        }

        var kept = await ReadAsync(id);
        Assert.Null(kept.SentAt);
        Assert.Equal("本文です。", kept.Body);
        Assert.Equal(2, kept.Attempts);
        Assert.False(string.IsNullOrEmpty(kept.LastError));

        // The server is back: the recurring sweep (run here directly) sends it, and only once.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MailDispatchJob>().SweepAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<MailDispatchJob>().SweepAsync(CancellationToken.None);
        }

        var received = await app.Smtp.WaitForAsync(to);
        Assert.Contains("本文です。", received.TextBody, StringComparison.Ordinal);
        Assert.NotNull((await ReadAsync(id)).SentAt);
        Assert.Single(app.Smtp.Messages, m => m.To.Mailboxes.Any(b => b.Address == to));
    }

    private async Task<MailOutboxMessage> ReadAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>().MailOutbox.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.Id == id);
    }

    /// <summary>An SMTP server that is down: MailKit connecting to a port nobody listens on.</summary>
    private sealed class ClosedPortTransport : IMailTransport
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", SmtpCapture.FreePort(), MailKit.Security.SecureSocketOptions.None, cancellationToken);
            await client.SendAsync(message, cancellationToken);
        }
    }
}
