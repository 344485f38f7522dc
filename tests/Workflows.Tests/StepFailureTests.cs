using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tests.Support;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>A step that fails unexpectedly while it runs or saves becomes an incident, never a crashed step.</summary>
public sealed class StepFailureTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private Task<StartResult> Start(string id) =>
        fx.With<IWorkflowRuntime, StartResult>(r => r.StartWorkflowAsync(id, null, null, "tester"));

    private Task<ResumeResult> Signal(Guid id) => fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalAsync(id, "go", null, "tester"));

    private async Task<InstanceView> Get(Guid id) => (await fx.With<IWorkflowRuntime, InstanceView?>(r => r.GetInstanceAsync(id)))!;

    private Task<long> Companies(string code) => fx.ScalarAsync<long>($"SELECT count(*) FROM core.companies WHERE code = '{code}'");

    private static string WaitThen(string id, string type, string inputs) => Flows.Linear(id,
        ("wait", "WaitForSignal", """{ "signal": "go" }"""),
        ("count", "SetVariable", """{ "name": "n", "value": { "expr": "variables.n + 1" } }"""),
        ("act", type, inputs));

    [Fact]
    public async Task ActivityWritingAJstOffsetIntoTimestamptz_FaultsTheInstanceWithTheError_AndRetryRerunsTheStep()
    {
        await fx.PublishAsync(WaitThen("jst-write", "Test.WriteCompanyInJst", """{ "code": "JST1" }"""));
        var started = await Start("jst-write");

        var resumed = await Signal(started.InstanceId);

        var view = await Get(started.InstanceId);
        Assert.Equal((ResumeOutcome.Resumed, InstanceStatus.Faulted), (resumed.Outcome, resumed.Status));
        Assert.Equal(InstanceStatus.Faulted, view.Status);
        var incident = Assert.Single(view.OpenIncidents);
        Assert.Equal("wait", incident.NodeId);
        Assert.Contains("Offset", incident.Error, StringComparison.Ordinal);
        Assert.Contains("act", incident.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await Companies("JST1"));
        Assert.Equal(0L, view.Variables["n"]);
        Assert.Empty(await fx.OpenBookmarksAsync(started.InstanceId));

        WriteCompanyInJst.WriteUtcFor[started.InstanceId] = true;
        Assert.True(await fx.With<IWorkflowRuntime, bool>(r => r.RetryIncidentAsync(incident.Id, "staff")));
        await Signal(started.InstanceId);

        var after = await Get(started.InstanceId);
        Assert.Equal((InstanceStatus.Finished, 1L), (after.Status, after.Variables["n"]));
        Assert.Equal(1L, await Companies("JST1"));
    }

    [Fact]
    public async Task ActivityThatBreaksTheConnection_FaultsTheInstance_InsteadOfCrashingTheStep()
    {
        await fx.PublishAsync(WaitThen("kill-conn", "Test.KillConnection", "{}"));
        var started = await Start("kill-conn");

        var resumed = await Signal(started.InstanceId);

        var view = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Faulted, resumed.Status);
        var incident = Assert.Single(view.OpenIncidents);
        Assert.Equal("wait", incident.NodeId);
        Assert.Contains("terminat", incident.Error, StringComparison.OrdinalIgnoreCase);
        var journal = await fx.With<IWorkflowRuntime, IReadOnlyList<JournalEntry>>(r => r.GetJournalAsync(started.InstanceId));
        Assert.Equal(JournalKinds.InstanceFaulted, journal[^1].Kind);
        Assert.Equal("act", journal[^1].NodeId);
    }

    [Fact]
    public async Task ResumedStepWhoseCommitFails_FaultsTheInstance_AndKeepsNoneOfItsWrites()
    {
        await fx.ScalarAsync<int>("""
            CREATE TABLE IF NOT EXISTS public.deferred_parent (id int PRIMARY KEY);
            CREATE TABLE IF NOT EXISTS public.deferred_child (id int PRIMARY KEY,
              parent_id int REFERENCES public.deferred_parent (id) DEFERRABLE INITIALLY DEFERRED)
            """);
        await fx.PublishAsync(WaitThen("commit-break", "Test.CreateCompany", """{ "code": "CBREAK", "breakCommit": true }"""));
        var started = await Start("commit-break");

        var resumed = await Signal(started.InstanceId);

        var view = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Faulted, resumed.Status);
        Assert.Contains("deferred_child", Assert.Single(view.OpenIncidents).Error, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), (await Companies("CBREAK"), (long)view.Variables["n"]!));
    }
}
