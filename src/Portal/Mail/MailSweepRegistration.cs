using Hangfire;
using Microsoft.Extensions.Hosting;

namespace CloudpackPlus.Portal.Mail;

/// <summary>Registers the recurring outbox sweep when the web host starts.</summary>
internal sealed class MailSweepRegistration(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<MailDispatchJob>(MailDispatchJob.SweepJobId, job => job.SweepAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
