using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Workflows.Tests;

public sealed class SweeperTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private Task<StartResult> Start(string id) =>
        fx.With<IWorkflowRuntime, StartResult>(r => r.StartWorkflowAsync(id, null, null, "tester"));

    private Task<int> SweepAsync() => fx.Services.GetRequiredService<WorkflowSweeper>().SweepOnceAsync(CancellationToken.None);

    private int JobsFor(Guid bookmarkId) => fx.Jobs.Created.Count(j => j.BookmarkId == bookmarkId);

    private async Task<Bookmark> NeverHandedOverTimerAsync(string definitionId)
    {
        await fx.PublishAsync(Flows.Linear(definitionId, ("wait", "Delay", """{ "duration": "01:00:00" }""")));
        var started = await Start(definitionId);
        var bookmark = (await fx.OpenBookmarksAsync(started.InstanceId)).Single();
        await fx.ScalarAsync<int>($"UPDATE wf.bookmarks SET dispatched_at = NULL, dispatch_count = 0 WHERE id = '{bookmark.Id}'");
        fx.Clock.Advance(TimeSpan.FromMinutes(1));
        return bookmark;
    }

    [Fact]
    public async Task Sweep_SkipsThePass_WhileAnotherHostHoldsTheSweepLock()
    {
        var bookmark = await NeverHandedOverTimerAsync("sweep-lock");
        var before = JobsFor(bookmark.Id);
        await using var otherHost = new NpgsqlConnection(fx.ConnectionString);
        await otherHost.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({WorkflowSweeper.SweepLockKey})", otherHost))
        {
            await take.ExecuteNonQueryAsync();
        }

        var whileHeld = await SweepAsync();

        Assert.Equal(-1, whileHeld);
        Assert.Equal(before, JobsFor(bookmark.Id));

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({WorkflowSweeper.SweepLockKey})", otherHost))
        {
            await release.ExecuteNonQueryAsync();
        }

        var afterRelease = await SweepAsync();

        Assert.True(afterRelease >= 1);
        Assert.Equal(before + 1, JobsFor(bookmark.Id));
    }

    [Fact]
    public async Task Sweep_DoesNotRedispatch_TheOpenTimerOfAFaultedInstance()
    {
        // Fork: one branch waits on a timer, the other fails for good, so the instance is Faulted with an open timer.
        await fx.PublishAsync("""
            { "definitionId": "sweep-faulted", "name": "sweep-faulted",
              "activities": [ { "id": "start", "type": "Start" }, { "id": "fork", "type": "Fork" },
                { "id": "wait", "type": "Delay", "inputs": { "duration": "00:10:00" } },
                { "id": "boom", "type": "Test.Flaky", "inputs": { "failTimes": 5 } } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "fork" },
                { "from": "fork", "outcome": "Done", "to": "wait" }, { "from": "fork", "outcome": "Done", "to": "boom" } ] }
            """);
        var started = await Start("sweep-faulted");
        var timer = (await fx.OpenBookmarksAsync(started.InstanceId)).Single();
        Assert.Equal(InstanceStatus.Faulted, started.Status);
        // Long past due, handed over long ago and never fired: the case the sweeper repairs for live instances.
        fx.Clock.Advance(TimeSpan.FromHours(1));
        var before = JobsFor(timer.Id);

        await SweepAsync();
        await SweepAsync();

        Assert.Equal(before, JobsFor(timer.Id));
        Assert.Equal(1, await fx.ScalarAsync<int>($"SELECT dispatch_count FROM wf.bookmarks WHERE id = '{timer.Id}'"));
    }

    [Fact]
    public async Task Sweep_StillRedispatches_TheLostTimerOfASuspendedInstance()
    {
        var bookmark = await NeverHandedOverTimerAsync("sweep-live");
        var before = JobsFor(bookmark.Id);

        var swept = await SweepAsync();

        Assert.True(swept >= 1);
        Assert.Equal(before + 1, JobsFor(bookmark.Id));
    }
}
