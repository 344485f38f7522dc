using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CloudpackPlus.Testing.Host;

namespace CloudpackPlus.Portal.Tests;

public sealed class CalendarApiTests(CloudpackAppFactory app) : IClassFixture<CloudpackAppFactory>
{
    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [Trait("Spec", "HOURS-1")]
    [Trait("Spec", "WEB-5")]
    [InlineData("2026-05-11", 20, "2026-06-08")]
    [InlineData("2026-04-24", 5, "2026-05-07")]
    [InlineData("2025-12-26", 1, "2026-01-05")]
    [InlineData("2024-02-09", 1, "2024-02-13")]
    [InlineData("2026-09-18", 1, "2026-09-24")]
    public async Task BusinessDays_AddsBusinessDaysToADate(string from, int add, string expected)
    {
        var body = await GetJson($"/api/calendar/business-days?from={from}&add={add}");

        Assert.Equal(expected, body.GetProperty("date").GetString());
        Assert.Equal(from, body.GetProperty("from").GetString());
        Assert.Equal(add, body.GetProperty("add").GetInt32());
    }

    [Fact]
    [Trait("Spec", "WEB-5")]
    public async Task BusinessDays_StartsFromTodayInTokyo_WhenFromIsOmitted()
    {
        var body = await GetJson("/api/calendar/business-days?add=0");

        Assert.Equal("2026-05-11", body.GetProperty("from").GetString()); // the app factory's clock
    }

    [Theory]
    [InlineData("/api/calendar/business-days?from=2026-13-01&add=1", "YYYY-MM-DD")]
    [InlineData("/api/calendar/business-days?from=11/05/2026&add=1", "YYYY-MM-DD")]
    [InlineData("/api/calendar/business-days?from=2026-05-11&add=-1", "'add'")]
    [InlineData("/api/calendar/business-days?from=2026-05-11&add=9999", "'add'")]
    [InlineData("/api/calendar/business-days?from=2026-05-11&add=ten", "'add'")]
    [InlineData("/api/calendar/business-days?from=2026-05-11", "'add'")]
    [InlineData("/api/calendar/business-days?from=1899-05-11&add=1", "between")]
    [InlineData("/api/calendar/holidays?year=abc", "'year'")]
    [InlineData("/api/calendar/holidays?year=3000", "'year'")]
    [InlineData("/api/calendar/holidays", "'year'")]
    public async Task BadInput_GetsAProblemDetailsWithAClearMessage(string url, string mentions)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(mentions, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public async Task Holidays_ListsTheYearsNonBusinessWeekdaysWithNames()
    {
        var body = await GetJson("/api/calendar/holidays?year=2026");
        var days = body.GetProperty("days").EnumerateArray()
            .ToDictionary(d => d.GetProperty("date").GetString()!, d => (d.GetProperty("kind").GetString(), d.GetProperty("nameJa").GetString()));

        Assert.Equal(("PublicHoliday", "国民の休日"), days["2026-09-22"]);
        Assert.Equal(("PublicHoliday", "振替休日"), days["2026-05-06"]);
        Assert.Equal(("CompanyHoliday", "年末年始休業"), days["2026-12-29"]);
        Assert.Equal(("PublicHoliday", "元日"), days["2026-01-01"]);
        Assert.DoesNotContain("2026-05-03", days.Keys); // Sunday
        Assert.Equal("10:00:00", body.GetProperty("opensAt").GetString());
        Assert.Equal("19:00:00", body.GetProperty("closesAt").GetString());
    }
}
