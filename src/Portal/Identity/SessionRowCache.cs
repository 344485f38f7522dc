using System.Collections.Concurrent;

namespace CloudpackPlus.Portal.Identity;

/// <summary>The columns of <c>identity.users</c> a session's claims come from (see <see cref="PortalSessionValidator"/>).</summary>
internal sealed record SessionRow(
    string? SecurityStamp, string? UserName, string? Email, string? Role, Guid PersonId, string? DisplayName, Guid? CompanyId, string Stage);

/// <summary>
/// The users' session rows this host has read, so the per-request session check costs no SQL while nothing changed.
/// Kept exact by PostgreSQL: a trigger on <c>identity.users</c> notifies every change or deletion (channel
/// <see cref="Channel"/>, any host's write) and <see cref="SessionChangeListener"/> drops the row here. Used only while
/// that listener is connected ("live"): when it is not, nothing is served from here and every check reads the database,
/// as without a cache. A row read concurrently with a change is not kept (the generation moved on between the read and
/// the store), so a dropped row cannot come back stale.
/// </summary>
internal sealed class SessionRowCache
{
    /// <summary>The notification channel of the <c>identity.users</c> trigger.</summary>
    public const string Channel = "cp_user_changed";

    /// <summary>Rows kept at most (one per signed-in user); past it the check reads the database.</summary>
    public const int MaxRows = 200_000;

    private readonly ConcurrentDictionary<Guid, SessionRow> _rows = new();
    private long _generation;
    private volatile bool _live;

    /// <summary>Whether rows are served (the listener is connected).</summary>
    public bool IsLive => _live;

    /// <summary>Read before reading a row from the database, handed back to <see cref="Keep"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(Guid userId, out SessionRow? row)
    {
        row = null;
        return _live && _rows.TryGetValue(userId, out row);
    }

    public bool Holds(Guid userId) => _rows.ContainsKey(userId);

    /// <summary>Keeps a row read from the database, unless a change or an outage came in since <paramref name="readAt"/>.</summary>
    public void Keep(Guid userId, SessionRow row, long readAt)
    {
        if (!_live || Generation != readAt || _rows.Count >= MaxRows)
        {
            return;
        }

        _rows[userId] = row;
        if (Generation != readAt || !_live)
        {
            _rows.TryRemove(userId, out _);
        }
    }

    /// <summary>A user's row changed or went (a notification).</summary>
    public void Drop(Guid userId)
    {
        Interlocked.Increment(ref _generation);
        _rows.TryRemove(userId, out _);
    }

    /// <summary>The listener is connected: rows may be kept and served from now on.</summary>
    public void GoLive()
    {
        Interlocked.Increment(ref _generation);
        _live = true;
    }

    /// <summary>The listener lost its connection: changes may be missed, so nothing is served until it is back.</summary>
    public void GoDark()
    {
        _live = false;
        Interlocked.Increment(ref _generation);
        _rows.Clear();
    }
}
