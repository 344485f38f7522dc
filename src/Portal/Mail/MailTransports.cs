using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CloudpackPlus.Portal.Mail;

/// <summary>Delivers one finished message.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>SMTP through MailKit.</summary>
internal sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var client = new SmtpClient();
        var security = Enum.Parse<SecureSocketOptions>(o.SmtpSecurity, ignoreCase: true);
        await client.ConnectAsync(o.SmtpHost, o.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(o.SmtpUser))
        {
            await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>Demo mode: each message becomes an .eml file in the capture folder, for the demo user to open.</summary>
internal sealed class CaptureMailTransport(IOptions<MailOptions> options, TimeProvider clock) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.Value.CaptureDirectory);
        Directory.CreateDirectory(folder);
        var to = message.To.Mailboxes.FirstOrDefault()?.Address ?? "unknown";
        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{to}-{Guid.NewGuid():N}.eml";
        await message.WriteToAsync(Path.Combine(folder, name), cancellationToken);
    }
}
