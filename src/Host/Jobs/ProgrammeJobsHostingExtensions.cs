using CloudpackPlus.Core.Calendar;
using CloudpackPlus.Core.Time;
using Hangfire;

namespace CloudpackPlus.Host.Jobs;

/// <summary>Registers the programme's recurring jobs (fiscal-year rollover, daily check) and the business-calendar settings.</summary>
public static class ProgrammeJobsHostingExtensions
{
    public const string RolloverJobId = "fiscal-year-rollover";
    public const string RolloverCron = "0 0 1 4 *";
    public const string DailyCheckJobId = "programme-daily-check";
    public const string DailyCheckCron = "5 0 * * *";

    public static WebApplicationBuilder AddCloudpackProgrammeJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BusinessCalendarOptions>().BindConfiguration("BusinessCalendar")
            .Validate(o => o.ClosesAt > o.OpensAt, "BusinessCalendar:ClosesAt must be after OpensAt.")
            .ValidateOnStart();
        builder.Services.AddScoped<FiscalYearRolloverJob>();
        builder.Services.AddHostedService<ProgrammeJobsRegistration>();
        return builder;
    }
}

/// <summary>
/// On start: (re)declares the recurring jobs in Asia/Tokyo and enqueues a catch-up, so a host
/// that was down at midnight on 1 April rolls the fiscal year over as soon as it is back.
/// </summary>
internal sealed class ProgrammeJobsRegistration(IRecurringJobManager recurring, IBackgroundJobClient jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var tokyo = new RecurringJobOptions { TimeZone = Tokyo.Zone };
        recurring.AddOrUpdate<FiscalYearRolloverJob>(
            ProgrammeJobsHostingExtensions.RolloverJobId, j => j.RolloverAsync("schedule", CancellationToken.None), ProgrammeJobsHostingExtensions.RolloverCron, tokyo);
        recurring.AddOrUpdate<FiscalYearRolloverJob>(
            ProgrammeJobsHostingExtensions.DailyCheckJobId, j => j.DailyCheckAsync(CancellationToken.None), ProgrammeJobsHostingExtensions.DailyCheckCron, tokyo);
        jobs.Enqueue<FiscalYearRolloverJob>(j => j.RolloverAsync("catch-up on start", CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
