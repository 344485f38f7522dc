using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Accounts;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Mail;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Notifications;

/// <summary>
/// E-mails the copy of each portal notification. A notification row is its own outbox
/// (<see cref="Notification.MailedAt"/> null while pending): a batch is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, rendered into the mail outbox and marked mailed in one
/// transaction, so two hosts never mail one notification twice and a crash loses none.
/// </summary>
public sealed partial class NotificationMailer(
    CoreDbContext core,
    PortalIdentityDbContext identity,
    MailOutbox outbox,
    IOptions<MailOptions> mailOptions,
    TimeProvider clock,
    ILogger<NotificationMailer> logger)
{
    public const string JobId = "portal-notification-mailer";
    public const string Template = "notification";
    public const int BatchSize = 100;

    // A run stops after this many batches; the next minute's run takes the rest.
    private const int MaxBatchesPerRun = 20;

    // The subject column holds 300 characters; the template adds a short prefix.
    private const int MaxSubjectTitle = 200;

    /// <summary>Recurring job (every minute): mails every pending notification, batch by batch.</summary>
    /// <remarks>No Hangfire retries: the next minute's run is the retry, and a failed run shows in the dashboard.</remarks>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < MaxBatchesPerRun; i++)
        {
            var batch = await MailPendingAsync(BatchSize, cancellationToken);
            if (batch.Claimed < BatchSize)
            {
                return;
            }
        }
    }

    /// <summary>Mails one batch of pending notifications, oldest first; returns what it claimed and mailed.</summary>
    public async Task<NotificationMailBatch> MailPendingAsync(int batchSize = BatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var result = await SharedTransaction.RunAsync(core, identity, async () =>
        {
            // Rows another host has claimed are skipped, not waited for; they are its to mail.
            var pending = await core.Notifications
                .FromSqlInterpolated($"SELECT * FROM core.notifications WHERE mailed_at IS NULL ORDER BY created_at, id LIMIT {batchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
            if (pending.Count == 0)
            {
                return new NotificationMailBatch(0, 0);
            }

            var recipients = await RecipientsAsync(pending.Select(n => n.RecipientId).Distinct().ToList(), cancellationToken);
            var now = clock.GetUtcNow();
            var mailed = 0;
            foreach (var notification in pending)
            {
                if (recipients.TryGetValue(notification.RecipientId, out var recipient) && !string.IsNullOrWhiteSpace(recipient.Email))
                {
                    outbox.Add(recipient.Email, recipient.Name, Template, recipient.Culture, Model(notification, recipient), notification.Attachments);
                    mailed++;
                }
                else
                {
                    LogNoRecipient(notification.Id, notification.RecipientId);
                }

                notification.MailedAt = now;
            }

            await identity.SaveChangesAsync(cancellationToken);
            await core.SaveChangesAsync(cancellationToken);
            return new NotificationMailBatch(pending.Count, mailed);
        }, cancellationToken);

        outbox.DispatchStaged();
        return result;
    }

    /// <summary>
    /// Recipients with a portal account: a person whose account was deleted no longer uses the
    /// portal, so company news must not reach their mailbox.
    /// </summary>
    private async Task<Dictionary<Guid, Recipient>> RecipientsAsync(List<Guid> personIds, CancellationToken cancellationToken)
    {
        var people = await core.People.IgnoreQueryFilters().AsNoTracking()
            .Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Email, p.DisplayName })
            .ToListAsync(cancellationToken);
        var cultures = await identity.Users.IgnoreQueryFilters().AsNoTracking()
            .Where(u => personIds.Contains(u.PersonId))
            .Select(u => new { u.PersonId, u.Culture })
            .ToDictionaryAsync(u => u.PersonId, u => u.Culture, cancellationToken);
        return people
            .Where(p => cultures.ContainsKey(p.Id))
            .ToDictionary(p => p.Id, p => new Recipient(p.Email, p.DisplayName, PortalCultures.Normalize(cultures[p.Id])));
    }

    private object Model(Notification notification, Recipient recipient)
    {
        var japanese = recipient.Culture == PortalCultures.Japanese;
        var title = notification.TitleIn(japanese);
        return new
        {
            Name = recipient.Name,
            Title = title,
            SubjectTitle = OneLine(title, MaxSubjectTitle),
            Body = notification.BodyIn(japanese),
            Link = NotificationLinks.Absolute(mailOptions.Value.PortalUrl, notification.Link),
            PortalUrl = mailOptions.Value.PortalUrl.TrimEnd('/'),
        };
    }

    // A line break in the subject would end the template's Subject line early.
    private static string OneLine(string text, int max)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    private sealed record Recipient(string Email, string Name, string Culture);

    // Ids only: the address is personal data.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} not mailed: person {PersonId} has no portal account or no e-mail address")]
    private partial void LogNoRecipient(Guid notificationId, Guid personId);
}

/// <summary>What one batch did: notifications claimed (all now marked mailed) and mails queued.</summary>
public sealed record NotificationMailBatch(int Claimed, int Mailed);
