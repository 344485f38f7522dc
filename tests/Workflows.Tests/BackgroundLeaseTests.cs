using CloudpackPlus.Testing;
using CloudpackPlus.Workflows.Background;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>
/// Background activities under a lease: claimed in a short statement, run with no transaction and no
/// instance lock, heartbeating, taken over when their worker dies, cancelled with their instance, and
/// their results applied only under the lease they were claimed with.
/// </summary>
public sealed class BackgroundLeaseTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static string Gated(string id, string inputs) => Flows.Linear(id, ("bg", "Test.Gated", inputs),
        ("copy", "SetVariable", """{ "name": "n", "value": { "expr": "outputs.bg.execution" } }"""));

    private async Task<(Guid Instance, Bookmark Job)> StartAsync(string definitionId)
    {
        var started = await fx.With<IWorkflowRuntime, StartResult>(r => r.StartWorkflowAsync(definitionId, null, null, "tester"));
        var job = (await fx.OpenBookmarksAsync(started.InstanceId)).Single(b => b.Kind == Activities.BookmarkKind.Job);
        return (started.InstanceId, job);
    }

    private Task<Bookmark> BookmarkAsync(Guid id) => fx.With<WorkflowDbContext, Bookmark>(db => db.Bookmarks.AsNoTracking().SingleAsync(b => b.Id == id));

    private Task<InstanceView?> InstanceAsync(Guid id) => fx.With<IWorkflowRuntime, InstanceView?>(r => r.GetInstanceAsync(id));

    private Task<IReadOnlyList<JournalEntry>> JournalAsync(Guid id) => fx.With<IWorkflowRuntime, IReadOnlyList<JournalEntry>>(r => r.GetJournalAsync(id));

    /// <summary>Moves the fake clock one lease check at a time until the condition holds (the keeper ticks on the clock).</summary>
    private async Task<bool> TickUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null) =>
        await Eventually.WaitAsync(async () =>
        {
            fx.Clock.Advance(TimeSpan.FromSeconds(1));
            return await condition();
        }, timeout ?? Patience);

    [Fact]
    public async Task RunningActivity_HoldsALease_AndNeitherATransactionNorTheInstanceLock()
    {
        await fx.PublishAsync("""
            { "definitionId": "lease-fork", "name": "lease-fork",
              "activities": [ { "id": "start", "type": "Start" }, { "id": "fork", "type": "Fork" },
                { "id": "bg", "type": "Test.Gated", "inputs": { "block": true } },
                { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "go" } },
                { "id": "join", "type": "Join" }, { "id": "end", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "fork" },
                { "from": "fork", "outcome": "Done", "to": "bg" }, { "from": "fork", "outcome": "Done", "to": "wait" },
                { "from": "bg", "outcome": "Done", "to": "join" }, { "from": "wait", "outcome": "Done", "to": "join" },
                { "from": "join", "outcome": "Done", "to": "end" } ] }
            """);
        var (instance, job) = await StartAsync("lease-fork");
        var gate = Support.Gated.For(instance);

        var running = Task.Run(() => fx.RunJobAsync(job.Id));
        await gate.Entered.Task.WaitAsync(Patience);

        var leased = await BookmarkAsync(job.Id);
        Assert.Equal(BackgroundActivityRunner.Owner, leased.LeaseOwner);
        Assert.NotNull(leased.LeaseToken);
        Assert.Equal(fx.Clock.GetUtcNow() + TimeSpan.FromSeconds(60), leased.LeaseExpiresAt);
        Assert.Null(leased.ResumedAt);
        // Another step on the same instance goes through while the activity is blocked mid-run.
        var signalled = await fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalAsync(instance, "go", null, "tester")).WaitAsync(Patience);
        Assert.Equal(ResumeOutcome.Resumed, signalled.Outcome);
        Assert.Equal(0L, await fx.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction' AND datname = current_database()"));
        Assert.IsType<InvalidOperationException>(gate.DbAccessError);
        Assert.Contains("no transaction and no instance lock", gate.DbAccessError!.Message, StringComparison.Ordinal);

        gate.Release.SetResult();

        Assert.Equal("result applied", await running.WaitAsync(Patience));
        Assert.Equal(InstanceStatus.Finished, (await InstanceAsync(instance))!.Status);
        Assert.NotNull((await BookmarkAsync(job.Id)).ResumedAt);
    }

    [Fact]
    public async Task Heartbeat_ExtendsTheLease_WhileTheActivityRuns()
    {
        await fx.PublishAsync(Gated("lease-beat", """{ "block": true }"""));
        var (instance, job) = await StartAsync("lease-beat");
        var gate = Support.Gated.For(instance);
        var running = Task.Run(() => fx.RunJobAsync(job.Id));
        await gate.Entered.Task.WaitAsync(Patience);
        var first = (await BookmarkAsync(job.Id)).LeaseExpiresAt!.Value;

        var extended = await TickUntilAsync(async () => (await BookmarkAsync(job.Id)).HeartbeatAt > first - TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(20));

        Assert.True(extended, "no heartbeat");
        var beat = await BookmarkAsync(job.Id);
        Assert.True(beat.LeaseExpiresAt > first);
        Assert.Equal(beat.HeartbeatAt + TimeSpan.FromSeconds(60), beat.LeaseExpiresAt);
        Assert.True(beat.HeartbeatAt - (first - TimeSpan.FromSeconds(60)) >= TimeSpan.FromSeconds(15), "heartbeat before its interval");
        gate.Release.SetResult();
        Assert.Equal("result applied", await running.WaitAsync(Patience));
    }

    [Fact]
    public async Task ReportedProgress_IsStored_AndReadBackWithTheLease()
    {
        await fx.PublishAsync(Gated("lease-progress", """{ "block": true }"""));
        var (instance, job) = await StartAsync("lease-progress");
        var gate = Support.Gated.For(instance);
        var running = Task.Run(() => fx.RunJobAsync(job.Id));
        await gate.Entered.Task.WaitAsync(Patience);

        IReadOnlyList<RunningActivityView> views = [];
        var shown = await TickUntilAsync(async () =>
        {
            views = await fx.With<IRunningActivities, IReadOnlyList<RunningActivityView>>(a => a.ListAsync(instance));
            return views.Count == 1 && views[0].Progress is not null;
        });

        Assert.True(shown, "progress never written");
        var view = views[0];
        Assert.Equal(("bg", "running", BackgroundActivityRunner.Owner), (view.NodeId, view.State, view.LeaseOwner));
        Assert.Equal((4200L, (long?)10000L, "findings", (int?)42), (view.Progress!.Done, view.Progress.Total, view.Progress.Message, view.Percent));
        gate.Release.SetResult();
        Assert.Equal("result applied", await running.WaitAsync(Patience));
        Assert.Empty(await fx.With<IRunningActivities, IReadOnlyList<RunningActivityView>>(a => a.ListAsync(instance)));
        Assert.Equal(4200L, ActivityProgress.Parse((await BookmarkAsync(job.Id)).Progress)!.Done);
    }

    [Fact]
    public async Task ExpiredLease_IsTakenOver_AndTheFirstWorkersLateResultIsDiscardedAndJournalled()
    {
        await fx.PublishAsync(Gated("lease-takeover", """{ "block": true }"""));
        var (instance, job) = await StartAsync("lease-takeover");
        var gate = Support.Gated.For(instance);
        var first = Task.Run(() => fx.RunJobAsync(job.Id));
        await gate.Entered.Task.WaitAsync(Patience);
        var sweeper = fx.Services.GetRequiredService<WorkflowSweeper>();
        int Dispatches() => fx.Jobs.Created.Count(j => j.BookmarkId == job.Id);
        // Its dispatch looks long lost, but the lease is alive: the sweeper leaves it alone.
        await fx.ScalarAsync<int>($"UPDATE wf.bookmarks SET dispatched_at = now() - interval '1 hour', due_at = due_at - interval '1 hour' WHERE id = '{job.Id}'");
        var before = Dispatches();
        await sweeper.SweepOnceAsync(CancellationToken.None);
        Assert.Equal(before, Dispatches());
        Assert.Equal("not claimed: the job is done, cancelled or not due, its instance is not active, or a live worker holds its lease", await fx.RunJobAsync(job.Id));

        // The first worker stalls (no heartbeat) past its lease: swept again and claimed by a second worker.
        await fx.ScalarAsync<int>($"UPDATE wf.bookmarks SET lease_expires_at = '{fx.Clock.GetUtcNow().AddSeconds(-1):O}', dispatched_at = lease_started_at - interval '1 second' WHERE id = '{job.Id}'");
        await sweeper.SweepOnceAsync(CancellationToken.None);
        Assert.Equal(before + 1, Dispatches());
        Assert.Equal("result applied", await fx.RunJobAsync(job.Id));
        Assert.Equal(2, (await BookmarkAsync(job.Id)).LeaseCount);

        gate.Release.SetResult();

        Assert.StartsWith("result discarded", await first.WaitAsync(Patience), StringComparison.Ordinal);
        var view = await InstanceAsync(instance);
        Assert.Equal((InstanceStatus.Finished, 2L), (view!.Status, view.Variables["n"]));
        var discarded = Assert.Single(await JournalAsync(instance), j => j.Kind == JournalKinds.ActivityResultDiscarded);
        Assert.Equal(("bg", "Test.Gated"), (discarded.NodeId, discarded.ActivityType));
        Assert.Contains("taken over", discarded.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingTheInstance_CancelsTheRunningActivitysToken_AndDiscardsItsResult()
    {
        await fx.PublishAsync(Gated("lease-cancel", """{ "block": true, "honourCancellation": true }"""));
        var (instance, job) = await StartAsync("lease-cancel");
        var gate = Support.Gated.For(instance);
        var running = Task.Run(() => fx.RunJobAsync(job.Id));
        await gate.Entered.Task.WaitAsync(Patience);

        Assert.True(await fx.With<IWorkflowRuntime, bool>(r => r.CancelInstanceAsync(instance, "staff-1", "withdrawn")).WaitAsync(Patience));
        // The keeper checks once per LeaseCheckInterval (1 s of the clock); well within 5 s of real time.
        var signalled = await TickUntilAsync(() => Task.FromResult(gate.Token.IsCancellationRequested), TimeSpan.FromSeconds(5));

        Assert.True(signalled, "the activity's token was not cancelled within 5 s");
        Assert.StartsWith("result discarded", await running.WaitAsync(Patience), StringComparison.Ordinal);
        var view = await InstanceAsync(instance);
        Assert.Equal(InstanceStatus.Cancelled, view!.Status);
        Assert.Empty(view.OpenIncidents);
        var discarded = Assert.Single(await JournalAsync(instance), j => j.Kind == JournalKinds.ActivityResultDiscarded);
        Assert.Contains("cancelled", discarded.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdempotencyKey_IsTheSameForEveryRetryOfAnActivation_AndNewForTheNextActivation()
    {
        await fx.PublishAsync("""
            { "definitionId": "lease-loop", "name": "lease-loop", "variables": [ { "name": "n", "default": 0 } ],
              "activities": [ { "id": "start", "type": "Start" },
                { "id": "bg", "type": "Test.Gated", "inputs": { "failFirst": true } },
                { "id": "inc", "type": "SetVariable", "inputs": { "name": "n", "value": { "expr": "variables.n + 1" } } },
                { "id": "again", "type": "Decision", "inputs": { "condition": { "expr": "variables.n < 2" } } },
                { "id": "end", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "bg" }, { "from": "bg", "outcome": "Done", "to": "inc" },
                { "from": "inc", "outcome": "Done", "to": "again" }, { "from": "again", "outcome": "True", "to": "bg" },
                { "from": "again", "outcome": "False", "to": "end" } ] }
            """);
        var (instance, job) = await StartAsync("lease-loop");

        Assert.Equal("result applied", await fx.RunJobAsync(job.Id)); // attempt 1 fails: a retry bookmark
        fx.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("result applied", await fx.RunJobAsync((await fx.OpenBookmarksAsync(instance)).Single().Id)); // the retry; the loop enters bg again
        Assert.Equal("result applied", await fx.RunJobAsync((await fx.OpenBookmarksAsync(instance)).Single().Id));

        Assert.Equal(InstanceStatus.Finished, (await InstanceAsync(instance))!.Status);
        Assert.Equal([$"{instance:N}:bg:1", $"{instance:N}:bg:1", $"{instance:N}:bg:2"], Support.Gated.For(instance).Keys.ToArray());
        var tokens = Support.Gated.For(instance).ClientTokens.ToArray();
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);
        Assert.All(tokens, t => Assert.Matches("^[a-f0-9-]{36}$", t)); // the shape AWS ClientToken parameters accept
    }

    [Fact]
    public async Task RunOnce_SkipsAnEffectTheActivationAlreadyCompleted_OnItsRetry()
    {
        await fx.PublishAsync(Gated("lease-effect", """{ "failFirst": true, "effect": true }"""));
        var (instance, job) = await StartAsync("lease-effect");
        var gate = Support.Gated.For(instance);

        await fx.RunJobAsync(job.Id); // calls the effect, then fails
        fx.Clock.Advance(TimeSpan.FromSeconds(10));
        await fx.RunJobAsync((await fx.OpenBookmarksAsync(instance)).Single().Id);

        Assert.Equal((2, 1), (gate.Calls, gate.EffectCalls));
        var view = await InstanceAsync(instance);
        Assert.Equal(InstanceStatus.Finished, view!.Status);
        Assert.Equal(1L, await fx.ScalarAsync<long>($"SELECT count(*) FROM wf.effects WHERE activation_key = '{instance:N}:bg:1' AND effect = 'external' AND result = '100'::jsonb"));
        var completed = Assert.Single(await JournalAsync(instance), j => j.Kind == JournalKinds.ActivityCompleted && j.NodeId == "bg");
        Assert.Equal(100L, Runtime.PlainValues.ParseObject(completed.Data)["outputs"] is Dictionary<string, object?> outputs ? outputs["effectResult"] : null);
    }
}
