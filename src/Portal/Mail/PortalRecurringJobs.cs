using Hangfire;
using Microsoft.Extensions.Hosting;

namespace CloudpackPlus.Portal.Mail;

/// <summary>Registers the portal's minutely jobs when the web host starts: the mail outbox sweep and the notification mailer.</summary>
internal sealed class PortalRecurringJobs(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<MailDispatchJob>(MailDispatchJob.SweepJobId, job => job.SweepAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<Notifications.NotificationMailer>(Notifications.NotificationMailer.JobId, mailer => mailer.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
