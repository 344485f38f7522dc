using System.Collections.Concurrent;
using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Core.Calendar;

/// <summary>
/// Issue #17: the business calendar kept in memory (one per process) instead of read per request, with each year's
/// non-business weekdays computed once. <see cref="BusinessCalendarService"/> drops it when staff save or remove an
/// override, so this process sees the change on its next read; another host process (two hosts on one database) reads
/// the overrides again at most <see cref="MaxAge"/> after its last load.
/// </summary>
public sealed class BusinessCalendarCache(IServiceScopeFactory scopes, IOptions<BusinessCalendarOptions> options, TimeProvider clock) : IDisposable
{
    /// <summary>How long a loaded calendar is used before the overrides are read again (for changes made by another process).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Entry? _entry;
    private long _generation;

    /// <summary>The calendar with the overrides as last saved (read from the database when dropped or older than <see cref="MaxAge"/>).</summary>
    public async ValueTask<BusinessCalendar> GetAsync(CancellationToken cancellationToken = default) => (await EntryAsync(cancellationToken)).Calendar;

    /// <summary>The year's weekdays that are not business days, computed once per loaded calendar.</summary>
    public async ValueTask<IReadOnlyList<NonBusinessDay>> NonBusinessWeekdaysAsync(int year, CancellationToken cancellationToken = default)
    {
        var entry = await EntryAsync(cancellationToken);
        return entry.Years.GetOrAdd(year, y => entry.Calendar.NonBusinessWeekdays(y));
    }

    /// <summary>Drops the loaded calendar: the next read loads the overrides again. Called after an override is saved or removed.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    private bool IsFresh(Entry? entry)
    {
        if (entry is null || entry.Generation != Interlocked.Read(ref _generation))
        {
            return false;
        }

        var age = clock.GetUtcNow() - entry.LoadedAt;
        return age >= TimeSpan.Zero && age < MaxAge;
    }

    private async ValueTask<Entry> EntryAsync(CancellationToken cancellationToken)
    {
        var entry = Volatile.Read(ref _entry);
        if (IsFresh(entry))
        {
            return entry!;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            entry = Volatile.Read(ref _entry);
            if (IsFresh(entry))
            {
                return entry!;
            }

            // The generation is taken before the read: a change saved while the overrides are read makes this entry stale at once.
            var generation = Interlocked.Read(ref _generation);
            var loadedAt = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            var overrides = await db.CalendarOverrides.AsNoTracking().ToListAsync(cancellationToken);
            entry = new Entry(new BusinessCalendar(options.Value, overrides), generation, loadedAt, new());
            Volatile.Write(ref _entry, entry);
            return entry;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    private sealed record Entry(BusinessCalendar Calendar, long Generation, DateTimeOffset LoadedAt, ConcurrentDictionary<int, IReadOnlyList<NonBusinessDay>> Years);
}
