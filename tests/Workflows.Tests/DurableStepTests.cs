using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tests.Support;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows.Tests;

public sealed class DurableStepTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private Task<StartResult> Start(string id) =>
        fx.With<IWorkflowRuntime, StartResult>(r => r.StartWorkflowAsync(id, null, null, "tester"));

    private Task<InstanceView?> Get(Guid id) => fx.With<IWorkflowRuntime, InstanceView?>(r => r.GetInstanceAsync(id));

    [Fact]
    [Trait("Spec", "HOURS-1")]
    public async Task BusinessDayTimer_IsScheduledInHangfire_FiresOnlyWhenDue_AndOnlyOnce()
    {
        await fx.PublishAsync(Flows.Linear("timer-bd", ("wait", "Delay", """{ "businessDays": 2 }"""),
            ("count", "SetVariable", """{ "name": "n", "value": { "expr": "variables.n + 1" } }""")));
        var startedAt = fx.Clock.GetUtcNow();
        var started = await Start("timer-bd");
        var bookmark = (await fx.OpenBookmarksAsync(started.InstanceId)).Single();

        Assert.Equal(BookmarkKind.Timer, bookmark.Kind);
        Assert.Equal(new Calendar.WeekdayCalendar().AddBusinessDays(startedAt, 2), bookmark.DueAt);
        Assert.Contains(fx.Jobs.Created, j => j.BookmarkId == bookmark.Id && j.State is ScheduledState);

        Assert.Equal("not due yet: rescheduled", await fx.RunJobAsync(bookmark.Id));
        Assert.Equal(InstanceStatus.Suspended, (await Get(started.InstanceId))!.Status);

        fx.Clock.SetUtcNow(bookmark.DueAt!.Value);
        await fx.RunJobAsync(bookmark.Id);
        await fx.RunJobAsync(bookmark.Id); // at-least-once delivery: a second firing changes nothing

        var view = await Get(started.InstanceId);
        Assert.Equal((InstanceStatus.Finished, 1L), (view!.Status, view.Variables["n"]));
    }

    [Fact]
    public async Task WaitUntil_UsesTheGivenInstant()
    {
        await fx.PublishAsync(Flows.Linear("until", ("wait", "WaitUntil", """{ "until": "2030-01-01T00:00:00Z" }""")));
        var started = await Start("until");

        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), (await fx.OpenBookmarksAsync(started.InstanceId)).Single().DueAt);
    }

    [Fact]
    public async Task BackgroundActivity_RunsInAJob_AndResumesWithItsOutputs()
    {
        await fx.PublishAsync(Flows.Linear("bg", ("hash", "ComputeChecksum", """{ "text": "abc" }"""),
            ("double", "Test.BackgroundDouble", """{ "number": 21 }"""),
            ("copy", "SetVariable", """{ "name": "out", "value": { "expr": "outputs.double.result" } }""")));
        var started = await Start("bg");
        Assert.Equal(InstanceStatus.Suspended, started.Status);

        for (var i = 0; i < 2; i++)
        {
            var job = (await fx.OpenBookmarksAsync(started.InstanceId)).Single();
            Assert.Equal(BookmarkKind.Job, job.Kind);
            Assert.Contains(fx.Jobs.Created, j => j.BookmarkId == job.Id && j.State is EnqueuedState);
            await fx.RunJobAsync(job.Id);
        }

        var view = await Get(started.InstanceId);
        Assert.Equal((InstanceStatus.Finished, 42L), (view!.Status, view.Variables["out"]));
        var journal = await fx.With<IWorkflowRuntime, IReadOnlyList<JournalEntry>>(r => r.GetJournalAsync(started.InstanceId));
        Assert.Contains(journal, j => j.NodeId == "hash" && j.Kind == JournalKinds.ActivityCompleted);
    }

    [Fact]
    public async Task FailingActivity_IsRetriedWithBackoff_ThenRaisesAnIncident_WhichStaffCanRetry()
    {
        await fx.PublishAsync(Flows.Linear("flaky", ("flaky", "Test.Flaky", """{ "failTimes": 3 }"""),
            ("after", "SetVariable", """{ "name": "n", "value": 1 }""")).Replace(
            "\"type\": \"Test.Flaky\",", "\"type\": \"Test.Flaky\", \"retry\": { \"maxAttempts\": 3, \"backoffSeconds\": 10, \"backoffFactor\": 2 },", StringComparison.Ordinal));
        var started = await Start("flaky");

        var first = (await fx.OpenBookmarksAsync(started.InstanceId)).Single();
        Assert.Equal((BookmarkKind.Retry, fx.Clock.GetUtcNow().AddSeconds(10)), (first.Kind, first.DueAt!.Value));
        fx.Clock.Advance(TimeSpan.FromSeconds(10));
        await fx.RunJobAsync(first.Id);
        var second = (await fx.OpenBookmarksAsync(started.InstanceId)).Single();
        Assert.Equal(fx.Clock.GetUtcNow().AddSeconds(20), second.DueAt); // backoff doubles
        fx.Clock.Advance(TimeSpan.FromSeconds(20));
        await fx.RunJobAsync(second.Id);

        var faulted = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Faulted, faulted!.Status);
        var incident = Assert.Single(faulted.OpenIncidents);
        Assert.Equal(("flaky", "Test.Flaky", 3), (incident.NodeId, incident.ActivityType, incident.Attempts));
        Assert.Contains("planned failure 3", incident.Error, StringComparison.Ordinal);

        Assert.True(await fx.With<IWorkflowRuntime, bool>(r => r.RetryIncidentAsync(incident.Id, "staff-1")));
        Assert.False(await fx.With<IWorkflowRuntime, bool>(r => r.RetryIncidentAsync(incident.Id, "staff-1")));

        var view = await Get(started.InstanceId);
        Assert.Equal((InstanceStatus.Finished, 1L), (view!.Status, view.Variables["n"]));
        Assert.Empty(view.OpenIncidents);
    }

    [Fact]
    public async Task BackgroundFailure_UsesItsRetries_ThenStaffCanCancelTheInstance()
    {
        await fx.PublishAsync(Flows.Linear("bg-fail", ("double", "Test.BackgroundDouble", """{ "number": 1, "failTimes": 5 }"""),
            ("wait", "HumanTask", """{ "title": "never", "role": "csm" }""")).Replace(
            "\"type\": \"Test.BackgroundDouble\",", "\"type\": \"Test.BackgroundDouble\", \"retry\": { \"maxAttempts\": 2, \"backoffSeconds\": 1 },", StringComparison.Ordinal));
        var started = await Start("bg-fail");

        for (var i = 0; i < 2; i++)
        {
            fx.Clock.Advance(TimeSpan.FromSeconds(5));
            await fx.RunJobAsync((await fx.OpenBookmarksAsync(started.InstanceId)).Single().Id);
        }

        var faulted = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Faulted, faulted!.Status);
        Assert.Equal(2, Assert.Single(faulted.OpenIncidents).Attempts);

        Assert.True(await fx.With<IWorkflowRuntime, bool>(r => r.CancelInstanceAsync(started.InstanceId, "staff-1", "customer withdrew")));

        var view = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Cancelled, view!.Status);
        Assert.Empty(view.OpenIncidents);
        var journal = await fx.With<IWorkflowRuntime, IReadOnlyList<JournalEntry>>(r => r.GetJournalAsync(started.InstanceId));
        Assert.Equal(JournalKinds.InstanceCancelled, journal[^1].Kind);
        Assert.False(await fx.With<IWorkflowRuntime, bool>(r => r.CancelInstanceAsync(started.InstanceId, "staff-1")));
    }

    [Fact]
    public async Task Journal_IsBoundedPerInstance()
    {
        // 60 activities write over 60 lines; the fixture keeps 50 per instance.
        var steps = Enumerable.Range(0, 60).Select(i => ($"s{i}", "SetVariable", $$"""{ "name": "n", "value": {{i}} }""")).ToArray();
        await fx.PublishAsync(Flows.Linear("long", [.. steps, ("wait", "WaitForSignal", """{ "signal": "go" }""")]));
        var started = await Start("long");
        await fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalAsync(started.InstanceId, "go", null, "x"));

        var count = await fx.ScalarAsync<long>($"SELECT count(*) FROM wf.journal WHERE instance_id = '{started.InstanceId}'");
        var last = await fx.ScalarAsync<long>($"SELECT max(sequence) FROM wf.journal WHERE instance_id = '{started.InstanceId}'");
        Assert.Equal(50L, count);
        Assert.True(last > 60);
    }

    [Fact]
    public async Task Sweeper_RedispatchesABookmarkWhoseJobWasNeverHandedOver()
    {
        await fx.PublishAsync(Flows.Linear("sweep", ("wait", "Delay", """{ "duration": "01:00:00" }""")));
        var started = await Start("sweep");
        var bookmark = (await fx.OpenBookmarksAsync(started.InstanceId)).Single();
        // As if the process died between the commit and the hand-over to Hangfire.
        await fx.ScalarAsync<int>($"UPDATE wf.bookmarks SET dispatched_at = NULL, dispatch_count = 0 WHERE id = '{bookmark.Id}'");
        fx.Clock.Advance(TimeSpan.FromMinutes(1));
        var before = fx.Jobs.Created.Count(j => j.BookmarkId == bookmark.Id);

        var swept = await fx.Services.GetRequiredService<Jobs.WorkflowSweeper>().SweepOnceAsync(CancellationToken.None);

        Assert.True(swept >= 1);
        Assert.Equal(before + 1, fx.Jobs.Created.Count(j => j.BookmarkId == bookmark.Id));
        Assert.Equal(1, await fx.ScalarAsync<int>($"SELECT dispatch_count FROM wf.bookmarks WHERE id = '{bookmark.Id}'"));
    }
}
