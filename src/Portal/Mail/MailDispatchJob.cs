using CloudpackPlus.Core.Applications;
using CloudpackPlus.Portal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CloudpackPlus.Portal.Mail;

/// <summary>
/// Sends outbox mail. Takes ids, claims a row before sending (so the direct job and the sweep
/// never send one message twice at the same time), erases the body once delivered.
/// </summary>
public sealed partial class MailDispatchJob(
    PortalIdentityDbContext db, IMailTransport transport, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailDispatchJob> logger)
{
    public const string SweepJobId = "portal-mail-sweep";
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);

    public async Task SendAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await db.MailOutbox
            .Where(m => m.Id == id && m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, now + Claim).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return; // sent already, or another dispatcher has it
        }

        var message = await db.MailOutbox.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            await transport.SendAsync(ToMime(message), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(message.Id, ex.GetType().Name);
            await db.MailOutbox.Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, ex.Message), cancellationToken);
            throw; // Hangfire retries with back-off
        }

        await db.MailOutbox.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, clock.GetUtcNow()).SetProperty(m => m.Body, (string?)null).SetProperty(m => m.Attachments, (string?)null).SetProperty(m => m.LastError, (string?)null), cancellationToken);
        LogSent(message.Id, message.Template);
    }

    /// <summary>Recurring: sends whatever the direct dispatch did not (a crash between commit and enqueue).</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ids = await db.MailOutbox
            .Where(m => m.SentAt == null && m.Attempts < 10 && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            try
            {
                await SendAsync(id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Logged in SendAsync; the next sweep tries again.
            }
        }
    }

    private MimeMessage ToMime(MailOutboxMessage message)
    {
        var o = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Subject = message.Subject;
        mime.MessageId = $"{message.Id:N}@cloudpackplus";
        var text = new TextPart("plain") { Text = message.Body ?? string.Empty };
        var attachments = MailAttachment.FromJson(message.Attachments);
        if (attachments.Count == 0)
        {
            mime.Body = text;
            return mime;
        }

        // multipart/mixed: the text, then each file (base64). A calendar invite keeps its method parameter.
        var mixed = new Multipart("mixed") { text };
        foreach (var attachment in attachments)
        {
            var part = new MimePart(ContentType.Parse(attachment.ContentType))
            {
                Content = new MimeContent(new MemoryStream(attachment.Content)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = attachment.FileName,
            };
            mixed.Add(part);
        }

        mime.Body = mixed;
        return mime;
    }

    // The address is personal data and the body may hold a password: log ids and kinds only.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MessageId} could not be sent: {Error}")]
    private partial void LogFailed(Guid messageId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MessageId} ({Template}) sent")]
    private partial void LogSent(Guid messageId, string template);
}
