using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Workflows.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Activities.Calendar;

/// <summary>
/// The runtime's business calendar backed by Core's (HOURS-1): Japanese public holidays,
/// company holidays and staff overrides. The overrides are read from the database at most
/// once per <see cref="RefreshInterval"/>, because timers and due dates are computed inside
/// workflow steps where a query per computation would cost a round trip each.
/// </summary>
public sealed class CoreWorkflowCalendar(
    IServiceScopeFactory scopes, IOptions<BusinessCalendarOptions> options, TimeProvider clock) : IWorkflowCalendar
{
    /// <summary>How long a loaded calendar is used before the overrides are read again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private BusinessCalendar? _calendar;
    private DateTimeOffset _loadedAt;

    /// <inheritdoc />
    public DateTimeOffset AddBusinessDays(DateTimeOffset from, int days)
    {
        var local = Tokyo.ToTokyo(from);
        var date = Current().AddBusinessDays(DateOnly.FromDateTime(local.DateTime), days);
        return Tokyo.At(date, TimeOnly.FromTimeSpan(local.TimeOfDay));
    }

    /// <inheritdoc />
    public DateTimeOffset DueDate(DateTimeOffset from, int days)
    {
        var calendar = Current();
        var date = calendar.AddBusinessDays(Tokyo.DateOf(from), days);
        return Tokyo.At(date, calendar.ClosesAt);
    }

    /// <inheritdoc />
    public bool IsWithinBusinessHours(DateTimeOffset start, TimeSpan duration)
    {
        var calendar = Current();
        var local = Tokyo.ToTokyo(start);
        var end = Tokyo.ToTokyo(start + duration);
        var opens = local.Date + calendar.OpensAt.ToTimeSpan();
        var closes = local.Date + calendar.ClosesAt.ToTimeSpan();
        return calendar.IsBusinessDay(DateOnly.FromDateTime(local.DateTime)) && duration >= TimeSpan.Zero
            && local.DateTime >= opens && end.DateTime <= closes;
    }

    private BusinessCalendar Current()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_calendar is null || now - _loadedAt >= RefreshInterval || now < _loadedAt)
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
                _calendar = new BusinessCalendar(options.Value, db.CalendarOverrides.AsNoTracking().ToList());
                _loadedAt = now;
            }

            return _calendar;
        }
    }
}
