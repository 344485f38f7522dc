using CloudpackPlus.Core.Time;
using CloudpackPlus.Host.Jobs;
using CloudpackPlus.Testing;
using CloudpackPlus.Testing.Host;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Host.Tests;

public sealed class ProgrammeJobsTests(CloudpackAppFactory app) : IClassFixture<CloudpackAppFactory>
{
    [Fact]
    [Trait("Spec", "RANK-2")]
    [Trait("Spec", "TKT-1")]
    public void Rollover_IsARecurringJobAtMidnightOnFirstAprilInTokyo()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        var jobs = connection.GetRecurringJobs();

        var rollover = Assert.Single(jobs, j => j.Id == ProgrammeJobsHostingExtensions.RolloverJobId);
        Assert.Equal("0 0 1 4 *", rollover.Cron);
        Assert.Equal(Tokyo.Zone.Id, rollover.TimeZoneId);
        Assert.Equal(typeof(FiscalYearRolloverJob), rollover.Job.Type);
        var daily = Assert.Single(jobs, j => j.Id == ProgrammeJobsHostingExtensions.DailyCheckJobId);
        Assert.Equal(Tokyo.Zone.Id, daily.TimeZoneId);
        // Hangfire schedules on the real clock: the next 1 April 00:00 JST is 31 March 15:00 UTC.
        var now = DateTimeOffset.UtcNow;
        var next = Tokyo.At(new DateOnly(FiscalYear.Of(now).StartYear + 1, 4, 1), TimeOnly.MinValue);
        Assert.Equal(next.UtcDateTime, rollover.NextExecution);
    }

    [Fact]
    [Trait("Spec", "TKT-1")]
    public async Task Start_CatchesUpTheCurrentFiscalYearsRollover()
    {
        // The app's clock is in FY2026; nothing rolled it over before the host started.
        Assert.True(await Eventually.WaitAsync(async () =>
            await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.rollover_runs WHERE fiscal_year = 2026 AND completed_at IS NOT NULL") == 1));
    }

    [Fact]
    [Trait("Spec", "TKT-2")]
    public async Task TriggeringTheRecurringJob_RollsOverIntoTheNewFiscalYear()
    {
        Assert.True(await Eventually.WaitAsync(async () =>
            await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.rollover_runs WHERE fiscal_year = 2026 AND completed_at IS NOT NULL") == 1));
        app.Clock.SetUtcNow(Tokyo.At(new DateOnly(2027, 4, 1), TimeOnly.MinValue));

        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(ProgrammeJobsHostingExtensions.RolloverJobId);

        Assert.True(await Eventually.WaitAsync(async () =>
            await app.Database.ScalarAsync<string>("SELECT triggered_by FROM core.rollover_runs WHERE fiscal_year = 2027 AND completed_at IS NOT NULL") == "schedule"));
    }
}
