using CloudpackPlus.Activities.Calendar;
using CloudpackPlus.Core;
using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CloudpackPlus.Activities.Tests.Calendar;

public sealed class CoreWorkflowCalendarTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddCloudpackDatabase(database.ConnectionString).AddCloudpackCore();
        _services = services.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private CoreWorkflowCalendar Calendar() => new(
        _services.GetRequiredService<IServiceScopeFactory>(),
        _services.GetRequiredService<IOptions<BusinessCalendarOptions>>(),
        _clock);

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public void BusinessDays_SkipJapanesePublicHolidays_IncludingTheCitizensHoliday()
    {
        // Fri 2026-09-18; Mon 21 Respect for the Aged, Tue 22 citizens' holiday, Wed 23 equinox.
        var friday = new DateTimeOffset(2026, 9, 18, 14, 30, 0, Jst);

        var next = Calendar().AddBusinessDays(friday, 1);

        Assert.Equal(new DateTimeOffset(2026, 9, 24, 14, 30, 0, Jst), next);
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public void DueDate_IsTheEndOfTheBusinessDay_AfterTheYearEndClosure()
    {
        var lastDayBeforeClosure = new DateTimeOffset(2026, 12, 28, 11, 0, 0, Jst);

        var due = Calendar().DueDate(lastDayBeforeClosure, 1);

        Assert.Equal(new DateTimeOffset(2027, 1, 4, 19, 0, 0, Jst), due);
    }

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public async Task StaffOverride_IsSeen_AfterTheRefreshInterval()
    {
        var calendar = Calendar();
        var monday = new DateTimeOffset(2026, 10, 5, 10, 0, 0, Jst);
        Assert.Equal(new DateTimeOffset(2026, 10, 6, 10, 0, 0, Jst), calendar.AddBusinessDays(monday, 1));

        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            var admin = new Person { Email = "calendar-admin@example.jp", DisplayName = "管理者", Role = PersonRole.Admin, CreatedAt = _clock.GetUtcNow() };
            db.People.Add(admin);
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<BusinessCalendarService>()
                .SetOverrideAsync(new DateOnly(2026, 10, 6), true, "臨時休業", "Extra closure", admin.Id);
        }

        _clock.Advance(CoreWorkflowCalendar.RefreshInterval);

        Assert.Equal(new DateTimeOffset(2026, 10, 7, 10, 0, 0, Jst), calendar.AddBusinessDays(monday, 1));
    }
}

public sealed class ActivitiesRegistrationTests
{
    [Fact]
    public void Activities_PlugCoresCalendarIntoTheRuntime()
    {
        var services = new ServiceCollection();
        CloudpackPlus.Workflows.WorkflowsServiceCollectionExtensions.AddCloudpackWorkflows(services);

        services.AddCloudpackActivities();

        var calendars = services.Where(d => d.ServiceType == typeof(CloudpackPlus.Workflows.Calendar.IWorkflowCalendar)).ToList();
        Assert.Equal(typeof(CoreWorkflowCalendar), Assert.Single(calendars).ImplementationType);
    }
}
