using System.Globalization;
using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CloudpackPlus.Portal.Apis;

/// <summary>
/// The business calendar, read-only (public calendar data): business-day arithmetic and the year's non-business weekdays.
/// Answered from <see cref="BusinessCalendarCache"/> (no database read per request; an override saved by staff is seen at once).
/// </summary>
public static class CalendarApi
{
    public const int MaxAdd = 366;
    public const int MinYear = 2000;
    public const int MaxYear = 2099;

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/calendar").AllowAnonymous();
        group.MapGet("/business-days", AddBusinessDaysAsync);
        group.MapGet("/holidays", GetHolidaysAsync);
        return endpoints;
    }

    /// <summary><c>GET /api/calendar/business-days?from=YYYY-MM-DD&amp;add=N</c>: the N-th business day after <c>from</c> (default today, Tokyo).</summary>
    public static async Task<Results<Ok<BusinessDayResponse>, ProblemHttpResult>> AddBusinessDaysAsync(
        string? from, string? add, BusinessCalendarCache calendars, TimeProvider clock, CancellationToken cancellationToken)
    {
        DateOnly start;
        if (string.IsNullOrWhiteSpace(from))
        {
            start = Tokyo.Today(clock);
        }
        else if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            return Invalid($"'from' must be a date in the form YYYY-MM-DD (got '{from}').");
        }

        if (!int.TryParse(add, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > MaxAdd)
        {
            return Invalid($"'add' must be a whole number of business days from 0 to {MaxAdd} (got '{add}').");
        }

        if (start.Year is < MinYear or > MaxYear)
        {
            return Invalid($"'from' must be between {MinYear}-01-01 and {MaxYear}-12-31.");
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        var date = calendar.AddBusinessDays(start, days);
        return TypedResults.Ok(new BusinessDayResponse(start, days, date, calendar.IsBusinessDay(start)));
    }

    /// <summary><c>GET /api/calendar/holidays?year=YYYY</c>: the weekdays of the year that are not business days, with names.</summary>
    public static async Task<Results<Ok<HolidaysResponse>, ProblemHttpResult>> GetHolidaysAsync(
        string? year, BusinessCalendarCache calendars, CancellationToken cancellationToken)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < MinYear or > MaxYear)
        {
            return Invalid($"'year' must be a year from {MinYear} to {MaxYear} (got '{year}').");
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        var days = (await calendars.NonBusinessWeekdaysAsync(y, cancellationToken)).Select(d => new HolidayResponse(d.Date, d.Kind.ToString(), d.NameJa, d.NameEn)).ToList();
        return TypedResults.Ok(new HolidaysResponse(y, calendar.OpensAt, calendar.ClosesAt, days));
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid calendar query");
}

/// <param name="From">The start date.</param>
/// <param name="Add">Business days added.</param>
/// <param name="Date">The resulting business day.</param>
/// <param name="FromIsBusinessDay">Whether the start date itself is a business day.</param>
public sealed record BusinessDayResponse(DateOnly From, int Add, DateOnly Date, bool FromIsBusinessDay);

public sealed record HolidayResponse(DateOnly Date, string Kind, string NameJa, string NameEn);

/// <param name="Year">The year.</param>
/// <param name="OpensAt">Business hours start (Asia/Tokyo).</param>
/// <param name="ClosesAt">Business hours end (Asia/Tokyo).</param>
/// <param name="Days">The non-business weekdays, in date order.</param>
public sealed record HolidaysResponse(int Year, TimeOnly OpensAt, TimeOnly ClosesAt, IReadOnlyList<HolidayResponse> Days);
