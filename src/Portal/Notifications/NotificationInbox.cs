using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Portal.Notifications;

/// <summary>One page of a person's notifications, newest first.</summary>
public sealed record NotificationPage(Paged<Notification> Items, int Unread);

/// <summary>
/// A person's own notifications: every query is keyed by the recipient, so nobody reads or
/// marks another person's (let alone another company's) notifications.
/// </summary>
public sealed class NotificationInbox(IServiceProvider services, NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>For marking read; resolved on first use, so that showing the page starts no DbContext (issue #17).</summary>
    private CoreDbContext Core => field ??= services.GetRequiredService<CoreDbContext>();

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
        // The count once, and the page's rows beside it (a row of nulls when there are none): the offset is clamped to the last page.
        var rows = batch.Add(
            $"""
            WITH total AS (SELECT count(*)::int AS n FROM core.notifications AS n WHERE {Matching})
            SELECT total.n, p.id, p.company_id, p.application_id, p.kind, p.title_ja, p.title_en, p.body_ja, p.body_en, p.link,
                   p.created_at, p.read_at, p.mailed_at, p.attachments
            FROM total LEFT JOIN LATERAL (
                SELECT n.* FROM core.notifications AS n
                WHERE {Matching}
                ORDER BY n.created_at DESC, n.id DESC
                LIMIT {PageSize}
                OFFSET LEAST($3, GREATEST(total.n - 1, 0) / {PageSize} * {PageSize})) AS p ON true
            ORDER BY p.created_at DESC, p.id DESC
            """,
            r => (Total: r.GetInt32(0), Row: r.IsDBNull(1) ? null : new Notification
            {
                Id = r.GetGuid(1), RecipientId = personId, CompanyId = r.Id(2), ApplicationId = r.Id(3), Kind = r.GetString(4),
                TitleJa = r.GetString(5), TitleEn = r.GetString(6), BodyJa = r.GetString(7), BodyEn = r.GetString(8), Link = r.Text(9),
                CreatedAt = r.At(10), ReadAt = r.Stamp(11), MailedAt = r.Stamp(12), Attachments = r.Text(13),
            }),
            personId, pattern, offset);
        var unread = batch.Add(UnreadCountPrefetch.Sql, r => r.GetInt32(0), personId);
        await batch.RunAsync(dataSource, cancellationToken);

        var count = rows.FirstOrDefault.Total;
        var items = rows.Rows.Where(r => r.Row is not null).Select(r => r.Row!).ToList();
        return new NotificationPage(new Paged<Notification>(items, count, Paging.Clamp(page, count, PageSize), PageSize), unread.FirstOrDefault);
    }

    /// <summary>The person's notifications ($1), those matching the search pattern ($2, null for all) when there is one.</summary>
    private const string Matching =
        "n.recipient_id = $1 AND ($2::text IS NULL OR n.title_ja ILIKE $2 OR n.title_en ILIKE $2 OR n.body_ja ILIKE $2 OR n.body_en ILIKE $2)";

    /// <summary>Marks one of the person's notifications read (again is harmless); null when it is not theirs.</summary>
    public async Task<Notification?> MarkReadAsync(Guid personId, Guid notificationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await Core.Notifications
            .Where(n => n.Id == notificationId && n.RecipientId == personId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return await Core.Notifications.AsNoTracking()
            .SingleOrDefaultAsync(n => n.Id == notificationId && n.RecipientId == personId, cancellationToken);
    }

    /// <summary>Marks every unread notification of the person read; returns how many.</summary>
    public Task<int> MarkAllReadAsync(Guid personId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return Core.Notifications
            .Where(n => n.RecipientId == personId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
