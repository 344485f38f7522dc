using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;

namespace CloudpackPlus.Core.Tests.Calendar;

public sealed class CalendarOverrideTests(CoreDatabaseFixture database) : IClassFixture<CoreDatabaseFixture>
{
    [Fact]
    [Trait("Spec", "HOURS-1")]
    public async Task Staff_CanOverrideDates_WhenTheLawChanges_AndTheCalendarFollows()
    {
        await using var host = new CoreTestHost(database, CoreTestHost.Jst(2026, 5, 11));
        var admin = await host.CreateStaffAsync();
        var customer = await host.CreateCompanyAsync();

        await host.With<BusinessCalendarService, CalendarOverride>(s => s.SetOverrideAsync(new DateOnly(2027, 7, 23), true, "臨時の祝日", "Special holiday", admin));
        await host.With<BusinessCalendarService, CalendarOverride>(s => s.SetOverrideAsync(new DateOnly(2027, 7, 19), false, "海の日の移動", null, admin));
        var calendar = await host.With<BusinessCalendarService, BusinessCalendar>(s => s.GetAsync());
        var listed = await host.With<BusinessCalendarService, IReadOnlyList<CalendarOverride>>(s => s.ListOverridesAsync(2027));

        Assert.False(calendar.IsBusinessDay(new DateOnly(2027, 7, 23)));
        Assert.True(calendar.IsBusinessDay(new DateOnly(2027, 7, 19)));
        Assert.Equal([new DateOnly(2027, 7, 19), new DateOnly(2027, 7, 23)], listed.Select(o => o.Date));
        Assert.All(listed, o => Assert.Equal(admin, o.UpdatedBy));
        await Assert.ThrowsAsync<ProgrammeRuleException>(() => host.With<BusinessCalendarService, CalendarOverride>(s => s.SetOverrideAsync(new DateOnly(2027, 7, 22), true, "x", null, customer)));

        await host.RunAsync(sp => sp.Get<BusinessCalendarService>().RemoveOverrideAsync(new DateOnly(2027, 7, 23), admin));
        var after = await host.With<BusinessCalendarService, BusinessCalendar>(s => s.GetAsync());
        Assert.True(after.IsBusinessDay(new DateOnly(2027, 7, 23)));
    }
}
