using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Notifications;

/// <summary>One page of a person's notifications, newest first.</summary>
public sealed record NotificationPage(Paged<Notification> Items, int Unread);

/// <summary>
/// A person's own notifications: every query is keyed by the recipient, so nobody reads or
/// marks another person's (let alone another company's) notifications.
/// </summary>
public sealed class NotificationInbox(CoreDbContext core, TimeProvider clock)
{
    public const int PageSize = Paging.ListPageSize;

    /// <summary>One COUNT query (the header badge runs it on every page).</summary>
    public Task<int> UnreadCountAsync(Guid personId, CancellationToken cancellationToken) =>
        core.Notifications.CountAsync(n => n.RecipientId == personId && n.ReadAt == null, cancellationToken);

    public async Task<NotificationPage> PageAsync(Guid personId, string? search, int page, CancellationToken cancellationToken)
    {
        var query = core.Notifications.AsNoTracking().Where(n => n.RecipientId == personId);
        if (Paging.Term(search) is { } term)
        {
            var pattern = Paging.ContainsPattern(term);
            query = query.Where(n => EF.Functions.ILike(n.TitleJa, pattern) || EF.Functions.ILike(n.TitleEn, pattern)
                || EF.Functions.ILike(n.BodyJa, pattern) || EF.Functions.ILike(n.BodyEn, pattern));
        }

        var rows = await Paging.OfAsync(query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id), page, PageSize, cancellationToken);
        var unread = await UnreadCountAsync(personId, cancellationToken);
        return new NotificationPage(rows, unread);
    }

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
