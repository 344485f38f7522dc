using System.Diagnostics;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Testing;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CloudpackPlus.Portal.Tests.Faults;

/// <summary>The in-process host of <see cref="TwoHostProcessTests"/>: the web tier only (no Hangfire server, no sweeper); it migrates and applies.</summary>
public sealed class WebTierFactory : FaultHostFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Jobs:RunServer"] = "false";
            settings["Workflows:RunSweeper"] = "false";
            return settings;
        }
    }
}

/// <summary>
/// Two host processes on one database (issue #17, Faults): applications are applied for through an in-process web
/// tier while two real hosts (src/Host) run the jobs; one host is SIGKILLed mid-run. Each application's workflow
/// notifies the customer, waits on a timer and spends its ticket: every step ran once, every timer fired once, every
/// mail reached the SMTP catcher once.
/// </summary>
[RunsLong(120)]
public sealed class TwoHostProcessTests(WebTierFactory web, ITestOutputHelper output) : IClassFixture<WebTierFactory>
{
    private const int Applications = 500;
    private const int PerCompany = 15; // Gold: 15 tickets, one per application here
    private const string Definition = "fault-service";

    private const string Graph = """
        { "definitionId": "fault-service", "name": "fault drill service",
          "activities": [ { "id": "start", "type": "Start" },
            { "id": "notify", "type": "NotifyApplication", "inputs": { "to": "customer", "kind": "fault-drill", "titleJa": "障害訓練", "titleEn": "Fault drill" } },
            { "id": "t1", "type": "Delay", "inputs": { "duration": "00:00:01" } },
            { "id": "complete", "type": "CompleteApplication" },
            { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "notify" }, { "from": "notify", "outcome": "Done", "to": "t1" },
            { "from": "t1", "outcome": "Done", "to": "complete" }, { "from": "complete", "outcome": "Done", "to": "end" } ] }
        """;

    [Fact]
    [Trait("Spec", "TKT-3")]
    public async Task TwoHosts_OneKilledMidRun_EveryStepTimerAndMailOnce()
    {
        var companies = await FaultWorkload.EnrolCompaniesAsync(web.Services, (Applications + PerCompany - 1) / PerCompany, "TWO");
        // Representatives with portal accounts apply, so their notifications are mailed (people without one get none).
        var representatives = new List<Guid>();
        foreach (var company in companies)
        {
            representatives.Add((await web.CreateAccountAsync(company.CompanyId, Core.Companies.PersonRole.Representative, $"rep-{company.CompanyId:N}@two.example.jp")).PersonId);
        }

        await using (var scope = web.Services.CreateAsyncScope())
        {
            var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
            var draft = await definitions.SaveDraftAsync(WorkflowGraph.Parse(Graph), "fault-drill");
            await definitions.PublishAsync(Definition, draft.Version, "fault-drill");
            var catalogue = scope.ServiceProvider.GetRequiredService<CatalogueService>();
            var training = await catalogue.GetAsync("TRAIN-1");
            training.WorkflowDefinitionId = Definition;
            training.TicketCost = 1;
            await catalogue.SaveAsync(training, companies[0].CsmId);
        }

        var cs = web.ConnectionString;
        using var hostA = HostProcess.Start(cs, web.Smtp.Port);
        using var hostB = HostProcess.Start(cs, web.Smtp.Port);
        var clock = Stopwatch.StartNew();
        var submissions = Enumerable.Range(0, Applications).Select(i => (RepresentativeId: representatives[i / PerCompany], Id: Guid.CreateVersion7())).ToList();
        var applying = Parallel.ForEachAsync(submissions, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (s, _) =>
            Assert.True(await FaultWorkload.TryApplyAsync(web.Services, s.RepresentativeId, s.Id)));

        // SIGKILL host A once a fifth of the applications are completed (it is working: jobs fetched, locks held).
        Assert.True(await Eventually.WaitAsync(async () => await Completed(cs) >= Applications / 5, TimeSpan.FromSeconds(180)), "the hosts completed too few applications");
        var killedAt = (clock.Elapsed, Completed: await Completed(cs));
        hostA.Kill();
        await applying;
        var appliedAt = clock.Elapsed;

        var done = await Eventually.WaitAsync(async () => await Completed(cs) == Applications
            && await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM identity.mail_outbox WHERE sent_at IS NULL") == 0
            && await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.notifications WHERE mailed_at IS NULL") == 0, TimeSpan.FromSeconds(240));
        Assert.False(hostB.HasExited, "host B stopped");
        var notifications = await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.notifications");
        output.WriteLine($"{Applications} applications over {companies.Count} companies; host A killed at {killedAt.Elapsed.TotalSeconds:F1} s with {killedAt.Completed} completed; " +
            $"all applied at {appliedAt.TotalSeconds:F1} s; settled at {clock.Elapsed.TotalSeconds:F1} s; {notifications} notifications, {web.Smtp.Messages.Count} mails at the catcher; load {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var line in hostB.Output.Where(l => l.Contains("lock", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).Take(15))
        {
            output.WriteLine($"host B: {(line.Length > 400 ? line[..400] : line)}");
        }

        Assert.True(done, $"not settled: {await Completed(cs)} of {Applications} completed, " +
            $"{await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM identity.mail_outbox WHERE sent_at IS NULL")} mails unsent, " +
            $"{await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.notifications WHERE mailed_at IS NULL")} notifications not mailed");

        // Every step once, every timer once, no incident.
        Assert.Equal(Applications, await FaultWorkload.CountAsync(cs, $"SELECT count(*) FROM wf.instances WHERE definition_id = '{Definition}' AND status = 'Finished'"));
        foreach (var (node, kind) in new[] { ("notify", "activity-completed"), ("t1", "bookmark-resumed"), ("complete", "activity-completed") })
        {
            Assert.Equal(0L, await FaultWorkload.CountAsync(cs, $"""
                SELECT count(*) FROM wf.instances i WHERE i.definition_id = '{Definition}'
                  AND (SELECT count(*) FROM wf.journal j WHERE j.instance_id = i.id AND j.node_id = '{node}' AND j.kind = '{kind}') <> 1
                """));
        }

        Assert.Equal(0L, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM wf.incidents"));
        // Ledger: one spend per application, every reservation confirmed once.
        Assert.Equal(-Applications, await FaultWorkload.CountAsync(cs, "SELECT sum(amount) FROM core.ticket_ledger WHERE kind = 'Spend'"));
        Assert.Equal(Applications, await FaultWorkload.CountAsync(cs, "SELECT count(DISTINCT application_id) FROM core.ticket_ledger WHERE kind = 'Spend'"));
        Assert.Equal(Applications, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.ticket_reservations WHERE status = 'Confirmed'"));
        Assert.Equal(0L, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.ticket_ledger WHERE kind = 'Refund'"));
        // Mail: every notification went into the outbox, every outbox message reached the catcher once (its Message-Id is the row's id).
        var mails = await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM identity.mail_outbox");
        Assert.True(mails >= Applications, $"{notifications} notifications and {mails} mails for {Applications} applications");
        Assert.Equal(mails, await FaultWorkload.CountAsync(cs, "SELECT count(*) FROM identity.mail_outbox WHERE sent_at IS NOT NULL"));
        Assert.Equal(mails, web.Smtp.Messages.Count);
        Assert.Equal(mails, web.Smtp.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    private static Task<long> Completed(string cs) => FaultWorkload.CountAsync(cs, "SELECT count(*) FROM core.applications WHERE status = 'Completed'");
}
