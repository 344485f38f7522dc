using System.Diagnostics;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Mail;
using CloudpackPlus.Testing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CloudpackPlus.Portal.Tests.Faults;

/// <summary>
/// Hangfire's long polling (issue #17, "Hangfire polling must not dominate an idle database"): the host's workers poll
/// the queue only once per <c>Jobs:QueuePollInterval</c> (a minute here, as in production) and are woken by LISTEN/NOTIFY
/// when a job is enqueued, from another process too. A web tier without a Hangfire server (this process) enqueues mail;
/// one host process (src/Host, a single worker) sends it within seconds, each time, where polling alone would take up to
/// a minute. After the first job the worker's next poll is a minute away, so the later pick-ups can only be the notification.
/// </summary>
public sealed class LongPollingTests(WebTierFactory web, ITestOutputHelper output) : IClassFixture<WebTierFactory>
{
    private const int Rounds = 3;
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    [Fact]
    [Trait("Spec", "TKT-3")]
    public async Task JobEnqueuedByAnotherProcess_IsPickedUpWithinSeconds_NotAtThePollInterval()
    {
        var cs = web.ConnectionString;
        using var host = HostProcess.Start(cs, web.Smtp.Port, new Dictionary<string, string>
        {
            ["Jobs__QueuePollInterval"] = "00:01:00",
            ["Jobs__WorkerCount"] = "1",
        });
        Assert.True(await Eventually.WaitAsync(async () => await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM hangfire.server") >= 1, TimeSpan.FromSeconds(120)),
            $"the host's Hangfire server did not start: {string.Join('\n', host.Output.TakeLast(20))}");
        // Let the worker take what the start enqueued (the fiscal-year catch-up) and go back to waiting.
        Assert.True(await Eventually.WaitAsync(async () => await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM hangfire.jobqueue") == 0, TimeSpan.FromSeconds(60)),
            "the host did not take the jobs queued at its start");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var pickUps = new List<TimeSpan>();
        for (var round = 0; round < Rounds; round++)
        {
            var to = $"longpoll{round}@example.jp";
            var clock = Stopwatch.StartNew();
            await EnqueueMailAsync(to);
            await web.Smtp.WaitForAsync(to);
            pickUps.Add(clock.Elapsed);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        output.WriteLine($"enqueue to delivery with a 60 s poll interval: {string.Join(", ", pickUps.Select(p => $"{p.TotalMilliseconds:F0} ms"))}; load {File.ReadAllText("/proc/loadavg").Trim()}");
        Assert.All(pickUps, p => Assert.True(p < Quick, $"picked up after {p.TotalSeconds:F1} s: long polling did not wake the worker"));
        Assert.False(host.HasExited);
    }

    private async Task EnqueueMailAsync(string to)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        var message = new MailOutboxMessage
        {
            ToAddress = to, ToName = "長いポーリング", Template = "test", Culture = "ja-JP", Subject = "件名", Body = "本文です。", CreatedAt = DateTimeOffset.UtcNow,
        };
        db.MailOutbox.Add(message);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>().Enqueue<MailDispatchJob>(j => j.SendAsync(message.Id, CancellationToken.None));
    }
}
