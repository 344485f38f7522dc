using System.Net.Http.Json;
using System.Text.Json;
using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Performance;

/// <summary>
/// Issue #17: the calendar API answers from <see cref="BusinessCalendarCache"/> (no SQL per request once loaded), and an
/// override staff save or remove is seen by the very next request, not after the cache's age.
/// </summary>
public sealed class CalendarApiCacheTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    [Trait("Spec", "HOURS-1")]
    public async Task CalendarApi_MakesNoSqlRoundTrip_OnceLoaded()
    {
        using var client = new PortalClient(app);

        Assert.Empty(await SqlRoundTrips.CountAsync(client, "/api/calendar/business-days?from=2027-02-01&add=20"));
        Assert.Empty(await SqlRoundTrips.CountAsync(client, "/api/calendar/holidays?year=2027"));
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public async Task OverrideChange_IsSeenByTheNextRequest()
    {
        // Tuesday 2030-07-02 is an ordinary business day; the calendar is loaded (and cached) before the change.
        using var client = new PortalClient(app);
        var date = new DateOnly(2030, 7, 2);
        Assert.DoesNotContain("2030-07-02", await HolidayDatesAsync(client));
        Assert.Equal("2030-07-02", await AddOneAsync(client, "2030-07-01"));
        var staff = await app.CreateAccountAsync(null, PersonRole.Admin, "cal-cache-admin@cloudpack.example.jp");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BusinessCalendarService>().SetOverrideAsync(date, true, "臨時休業", "Closed", staff.PersonId);
        }

        Assert.Contains("2030-07-02", await HolidayDatesAsync(client));
        Assert.Equal("2030-07-03", await AddOneAsync(client, "2030-07-01"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BusinessCalendarService>().RemoveOverrideAsync(date, staff.PersonId);
        }

        Assert.DoesNotContain("2030-07-02", await HolidayDatesAsync(client));
        Assert.Equal("2030-07-02", await AddOneAsync(client, "2030-07-01"));
    }

    private static async Task<List<string?>> HolidayDatesAsync(PortalClient client)
    {
        var body = await client.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/calendar/holidays?year=2030", UriKind.Relative));
        return [.. body.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString())];
    }

    private static async Task<string?> AddOneAsync(PortalClient client, string from)
    {
        var body = await client.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/calendar/business-days?from={from}&add=1", UriKind.Relative));
        return body.GetProperty("date").GetString();
    }
}
