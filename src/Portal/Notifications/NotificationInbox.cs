using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudpackPlus.Portal.Notifications;

/// <summary>One page of a person's notifications, newest first.</summary>
public sealed record NotificationPage(Paged<Notification> Items, int Unread);

/// <summary>
/// A person's own notifications: every query is keyed by the recipient, so nobody reads or
/// marks another person's (let alone another company's) notifications.
/// </summary>
public sealed class NotificationInbox(CoreDbContext core, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const int PageSize = Paging.ListPageSize;

    /// <summary>
    /// One page (a number past the end shows the last page), its total and the unread count, read in one round trip
    /// (issue #17: with the session check a customer page makes at most 3); the page hands the unread count to the header
    /// badge (<see cref="UnreadCountPrefetch.Know"/>), which then does not count again.
    /// </summary>
    public async Task<NotificationPage> PageAsync(Guid personId, string? search, int page, CancellationToken cancellationToken)
    {
        var pattern = Paging.Term(search) is { } term ? Paging.ContainsPattern(term) : null;
        var offset = (long)Paging.Offset(page, PageSize);
        var batch = new OneBatch();
        var total = batch.Add($"SELECT count(*)::int FROM core.notifications AS n WHERE {Matching}", r => r.GetInt32(0), personId, pattern);
        var rows = batch.Add(
            $"""
            SELECT n.id, n.company_id, n.application_id, n.kind, n.title_ja, n.title_en, n.body_ja, n.body_en, n.link,
                   n.created_at, n.read_at, n.mailed_at, n.attachments
            FROM core.notifications AS n
            WHERE {Matching}
            ORDER BY n.created_at DESC, n.id DESC
            LIMIT {PageSize}
            OFFSET LEAST($3, GREATEST((SELECT count(*) FROM core.notifications AS n WHERE {Matching}) - 1, 0) / {PageSize} * {PageSize})
            """,
            r => new Notification
            {
                Id = r.GetGuid(0), RecipientId = personId, CompanyId = r.Id(1), ApplicationId = r.Id(2), Kind = r.GetString(3),
                TitleJa = r.GetString(4), TitleEn = r.GetString(5), BodyJa = r.GetString(6), BodyEn = r.GetString(7), Link = r.Text(8),
                CreatedAt = r.At(9), ReadAt = r.Stamp(10), MailedAt = r.Stamp(11), Attachments = r.Text(12),
            },
            personId, pattern, offset);
        var unread = batch.Add(UnreadCountPrefetch.Sql, r => r.GetInt32(0), personId);
        await batch.RunAsync(dataSource, cancellationToken);

        var count = total.FirstOrDefault;
        return new NotificationPage(new Paged<Notification>(rows.Rows, count, Paging.Clamp(page, count, PageSize), PageSize), unread.FirstOrDefault);
    }

    /// <summary>The person's notifications ($1), those matching the search pattern ($2, null for all) when there is one.</summary>
    private const string Matching =
        "n.recipient_id = $1 AND ($2::text IS NULL OR n.title_ja ILIKE $2 OR n.title_en ILIKE $2 OR n.body_ja ILIKE $2 OR n.body_en ILIKE $2)";

    /// <summary>Marks one of the person's notifications read (again is harmless); null when it is not theirs.</summary>
    public async Task<Notification?> MarkReadAsync(Guid personId, Guid notificationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await core.Notifications
            .Where(n => n.Id == notificationId && n.RecipientId == personId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return await core.Notifications.AsNoTracking()
            .SingleOrDefaultAsync(n => n.Id == notificationId && n.RecipientId == personId, cancellationToken);
    }

    /// <summary>Marks every unread notification of the person read; returns how many.</summary>
    public Task<int> MarkAllReadAsync(Guid personId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return core.Notifications
            .Where(n => n.RecipientId == personId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
