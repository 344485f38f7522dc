using System.Security.Claims;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Notifications;
using Npgsql;

namespace CloudpackPlus.Portal.Data;

/// <summary>
/// Issue #17: a customer page's one round trip. <see cref="Start"/> gives a <see cref="OneBatch"/> that already reads what
/// the layout shows (the header badge's unread count, <see cref="UnreadCountPrefetch"/>); the page adds its own
/// statements and runs it with <see cref="RunAsync"/> on a connection of the process's data source: a page that reads
/// through its batch alone never starts a DbContext. Customer statements name their company (or person) themselves: raw
/// SQL has no tenant filter.
/// </summary>
public sealed class PageBatch(NpgsqlDataSource dataSource, UnreadCountPrefetch unread)
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
        return batch.RunAsync(dataSource, cancellationToken);
    }
}
