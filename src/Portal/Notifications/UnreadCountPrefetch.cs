using CloudpackPlus.Portal.Data;
using Npgsql;

namespace CloudpackPlus.Portal.Notifications;

/// <summary>
/// Issue #17: the header badge's unread count read in the page's own <see cref="OneBatch"/> instead of a query of its
/// own. Scoped (one per request): a page adds the count to its batch with <see cref="AddTo"/>; the badge
/// (<see cref="NotificationBadgeViewComponent"/>) uses it when present and counts itself otherwise.
/// </summary>
public sealed class UnreadCountPrefetch
{
    public const string Sql = "SELECT count(*)::int FROM core.notifications WHERE recipient_id = $1 AND read_at IS NULL";

    private BatchRows<int>? _rows;
    private Guid _personId;
    private int? _known;

    /// <summary>Adds the count of <paramref name="personId"/>'s unread notifications to the batch (nothing without a person).</summary>
    public void AddTo(OneBatch batch, Guid? personId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (personId is { } id)
        {
            _personId = id;
            _rows = batch.Add(Sql, r => r.GetInt32(0), id);
        }
    }

    /// <summary>The count of <paramref name="personId"/>'s unread notifications in a round trip of its own.</summary>
    public static async Task<int> CountAsync(NpgsqlDataSource dataSource, Guid personId, CancellationToken cancellationToken)
    {
        var batch = new OneBatch();
        var count = batch.Add(Sql, r => r.GetInt32(0), personId);
        await batch.RunAsync(dataSource, cancellationToken);
        return count.FirstOrDefault;
    }

    /// <summary>The prefetched count of <paramref name="personId"/>, or null when no batch read it (or it has not run).</summary>
    public int? CountOf(Guid personId) =>
        personId != _personId ? null : _known ?? (_rows is { Rows.Count: 1 } rows ? rows.Rows[0] : null);

    /// <summary>A count the page has read itself (the notifications page), so the badge does not count again.</summary>
    public void Know(Guid personId, int count)
    {
        _personId = personId;
        _known = count;
    }
}
