using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Nudges;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CloudpackPlus.Portal.Dashboard;

/// <summary>The customer-success view (issue #14 §8): the staff dashboard's query and the daily "use before 31 March" nudge job.</summary>
public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddCloudpackDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration("Dashboard")
            .Validate(o => o.LowBalancePercent is >= 0 and <= 100 && o.ListRows > 0, "Dashboard:LowBalancePercent must be 0..100 and ListRows positive.")
            .ValidateOnStart();
        services.AddOptions<TicketNudgeOptions>().BindConfiguration("Nudges")
            .Validate(o => o.DaysBefore.All(d => d is > 0 and <= 366), "Nudges:DaysBefore must be days between 1 and 366.")
            .ValidateOnStart();
        services.TryAddScoped<DashboardQuery>();
        services.TryAddScoped<TicketNudgeJob>();
        services.AddHostedService<TicketNudgeJobRegistration>();
        return services;
    }
}

/// <summary>Declares the daily nudge job in Asia/Tokyo when the web host starts.</summary>
internal sealed class TicketNudgeJobRegistration(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<TicketNudgeJob>(TicketNudgeJob.JobId, job => job.RunAsync(CancellationToken.None), TicketNudgeJob.Cron,
            new RecurringJobOptions { TimeZone = Tokyo.Zone });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
