using System.Security.Claims;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Notifications;

namespace CloudpackPlus.Portal.Data;

/// <summary>
/// Issue #17: a customer page's one round trip. <see cref="Start"/> gives a <see cref="OneBatch"/> that already reads what
/// the layout shows (the header badge's unread count, <see cref="UnreadCountPrefetch"/>); the page adds its own
/// statements and runs it on Core's connection with <see cref="RunAsync"/>.
/// </summary>
public sealed class PageBatch(CoreDbContext db, UnreadCountPrefetch unread)
{
    public OneBatch Start(ClaimsPrincipal user)
    {
        var batch = new OneBatch();
        unread.AddTo(batch, PortalClaims.PersonIdOf(user));
        return batch;
    }

    public Task RunAsync(OneBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.RunAsync(db, cancellationToken);
    }
}
