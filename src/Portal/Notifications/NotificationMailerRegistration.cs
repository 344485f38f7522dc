using Hangfire;
using Microsoft.Extensions.Hosting;

namespace CloudpackPlus.Portal.Notifications;

/// <summary>Registers the recurring notification mailer when the web host starts.</summary>
internal sealed class NotificationMailerRegistration(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<NotificationMailer>(NotificationMailer.JobId, mailer => mailer.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
