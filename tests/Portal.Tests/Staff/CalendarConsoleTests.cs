using System.Net;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Staff;

/// <summary>/Staff/Calendar: a single-date company holiday previewed (WEB-5's earliest date moves) and saved, conflicts and bad input.</summary>
public sealed class CalendarConsoleTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    [Trait("Spec", "HOURS-1")]
    [Trait("Spec", "WEB-5")]
    public async Task AHoliday_IsPreviewedWithoutSaving_ThenSaved_AndTheEarliestScanDateMoves()
    {
        using var admin = new PortalClient(app);
        await admin.SignInAsync(await app.CreateAccountAsync(null, PersonRole.Admin, "admin-cal@cal.cloudpack.example.jp"));
        BusinessCalendar calendar;
        using (var scope = app.Services.CreateScope())
        {
            calendar = await scope.ServiceProvider.GetRequiredService<BusinessCalendarService>().GetAsync();
        }

        var today = Tokyo.Today(app.Clock);
        var date = calendar.AddBusinessDays(today, 3);
        var earliest = calendar.AddBusinessDays(today, 20);
        var fields = new Dictionary<string, string>
        {
            ["Form.Date"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Form.Closed"] = "true",
            ["Form.NameJa"] = "創立記念日", ["Form.NameEn"] = "Foundation day", ["Form.Version"] = "0",
        };

        using var preview = await admin.PostFormAsync("/Staff/Calendar", fields, "/Staff/Calendar?handler=Preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        // The dates in the page's language (Japanese here: 2027年1月6日（水）, not 2027-01-06 (水)).
        html = System.Net.WebUtility.HtmlDecode(html);
        Assert.Equal(Tokyo.DateText(earliest, japanese: true), Regex.Match(html, "data-test=\"scan-before\">([^<]*)").Groups[1].Value);
        Assert.Equal(Tokyo.DateText(calendar.AddBusinessDays(earliest, 1), japanese: true), Regex.Match(html, "data-test=\"scan-after\">([^<]*)").Groups[1].Value);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.calendar_overrides"));

        using var saved = await admin.PostFormAsync("/Staff/Calendar", fields, "/Staff/Calendar?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var twice = await admin.PostFormAsync("/Staff/Calendar", new Dictionary<string, string>(fields) { ["Form.Closed"] = "false" }, "/Staff/Calendar?handler=Save");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.True(await app.Database.ScalarAsync<bool>($"SELECT is_holiday FROM core.calendar_overrides WHERE date = '{date:yyyy-MM-dd}'"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.audit_entries WHERE action = 'calendar.override-set'"));
        using (var scope = app.Services.CreateScope())
        {
            var after = await scope.ServiceProvider.GetRequiredService<BusinessCalendarService>().GetAsync();
            Assert.Equal(calendar.AddBusinessDays(earliest, 1), after.AddBusinessDays(today, 20));
        }

        Assert.Contains("創立記念日", await admin.GetPageAsync($"/Staff/Calendar?year={date.Year}"), StringComparison.Ordinal);
        using var staleRemove = await admin.PostFormAsync("/Staff/Calendar", new Dictionary<string, string> { ["date"] = fields["Form.Date"], ["version"] = "1" }, "/Staff/Calendar?handler=Remove");
        Assert.Equal(HttpStatusCode.Conflict, staleRemove.StatusCode);
        var version = await app.Database.ScalarAsync<string>($"SELECT xmin::text FROM core.calendar_overrides WHERE date = '{date:yyyy-MM-dd}'");
        using var removed = await admin.PostFormAsync("/Staff/Calendar", new Dictionary<string, string> { ["date"] = fields["Form.Date"], ["version"] = version! }, "/Staff/Calendar?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.calendar_overrides"));
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public async Task BadInput_Answers4xx_AndChangesNothing()
    {
        using var admin = new PortalClient(app);
        await admin.SignInAsync(await app.CreateAccountAsync(null, PersonRole.Admin, "admin-calbad@cal.cloudpack.example.jp"));
        var cases = new[]
        {
            new Dictionary<string, string> { ["Form.Date"] = "2027-13-45", ["Form.NameJa"] = "x", ["Form.Version"] = "0" },
            new Dictionary<string, string> { ["Form.Date"] = "1999-01-04", ["Form.NameJa"] = "x", ["Form.Version"] = "0" },
            new Dictionary<string, string> { ["Form.Date"] = "2027-07-01", ["Form.NameJa"] = " ", ["Form.Version"] = "0" },
            new Dictionary<string, string> { ["Form.Date"] = "2027-07-01", ["Form.NameJa"] = new string('長', 101), ["Form.Version"] = "0" },
            new Dictionary<string, string> { ["Form.Date"] = "2027-07-01", ["Form.NameJa"] = "x", ["Form.Version"] = "-1" },
        };
        foreach (var fields in cases)
        {
            using var response = await admin.PostFormAsync("/Staff/Calendar", fields, "/Staff/Calendar?handler=Save");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using var unknown = await admin.PostFormAsync("/Staff/Calendar", new Dictionary<string, string> { ["date"] = "2031-01-06", ["version"] = "0" }, "/Staff/Calendar?handler=Remove");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.calendar_overrides"));
    }
}
