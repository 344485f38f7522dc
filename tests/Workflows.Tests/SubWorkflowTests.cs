using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tests.Support;
using static CloudpackPlus.Workflows.Tests.Support.Graphs;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>CallWorkflow (child instances with a version pin), signals by correlation id, and the incident list.</summary>
public sealed class SubWorkflowTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private Task<StartResult> Start(string id, string? correlation = null, Dictionary<string, object?>? input = null) =>
        fx.With<IWorkflowRuntime, StartResult>(r => r.StartWorkflowAsync(id, input, correlation, "tester"));

    private async Task<InstanceView> Get(Guid id) => (await fx.With<IWorkflowRuntime, InstanceView?>(r => r.GetInstanceAsync(id)))!;

    private Task<Guid> ChildOf(Guid parent) => fx.ScalarAsync<Guid>($"SELECT id FROM wf.instances WHERE started_by = 'workflow:{parent}'");

    private async Task RunParentJobAsync(Guid parent)
    {
        var bookmark = (await fx.OpenBookmarksAsync(parent)).Single(b => b.Kind == BookmarkKind.ChildWorkflow);
        await fx.RunJobAsync(bookmark.Id);
    }

    private static string Child(string id, string doubled) => Of(id, """{ "name": "n", "default": 0 }""",
        $$"""{{StartNode}}, {{Set("calc", "result", doubled)}}, { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "go" } }, {{EndNode}}""",
        "start>calc", "calc>wait", "wait>end");

    private static string Parent(string id, string child, string version) => Of(id, """{ "name": "x", "default": 21 }""",
        $$"""
                {{StartNode}}, { "id": "call", "type": "CallWorkflow", "inputs": { "definitionId": "{{child}}", "version": "{{version}}", "input": { "expr": "{ n: variables.x }" } } },
                {{Set("got", "got", "{ \"expr\": \"outputs.call.variables.result\" }")}}, {{Set("failed", "got", "\"child failed\"")}}, {{EndNode}}
                """,
        "start>call", "call>got", "call.Faulted>failed", "got>end", "failed>end");

    [Fact]
    public async Task CallWorkflow_RunsThePinnedVersion_WaitsForTheChild_AndExposesItsVariables()
    {
        var v1 = await fx.PublishAsync(Child("child-calc", """{ "expr": "variables.n * 2" }"""));
        await fx.PublishAsync(Child("child-calc", """{ "expr": "variables.n * 100" }""")); // v2, not the pinned one
        await fx.PublishAsync(Parent("parent-calc", "child-calc", v1.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var started = await Start("parent-calc");

        Assert.Equal(InstanceStatus.Suspended, started.Status);
        var child = await ChildOf(started.InstanceId);
        var childView = await Get(child);
        Assert.Equal(v1, childView.Version);
        Assert.Equal(InstanceStatus.Suspended, childView.Status);
        Assert.Equal(42L, childView.Variables["result"]);
        Assert.Equal(InstanceStatus.Suspended, (await Get(started.InstanceId)).Status);

        await fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalAsync(child, "go", null, "t"));
        await RunParentJobAsync(started.InstanceId);

        var parent = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Finished, parent.Status);
        Assert.Equal(42L, parent.Variables["got"]);
    }

    [Fact]
    public async Task ChildThatFaults_SendsTheParentDownItsFaultedOutcome()
    {
        await fx.PublishAsync(Of("child-fails", "", $$"""{{StartNode}}, { "id": "boom", "type": "Test.Flaky", "inputs": { "failTimes": 9 } }, {{EndNode}}""",
            "start>boom", "boom>end"));
        await fx.PublishAsync(Parent("parent-of-failing", "child-fails", "latest"));

        var started = await Start("parent-of-failing");
        Assert.Equal(InstanceStatus.Faulted, (await Get(await ChildOf(started.InstanceId))).Status);
        await RunParentJobAsync(started.InstanceId);

        var parent = await Get(started.InstanceId);
        Assert.Equal(InstanceStatus.Finished, parent.Status);
        Assert.Equal("child failed", parent.Variables["got"]);
    }

    [Fact]
    public async Task CancellingTheParent_CancelsTheRunningChild()
    {
        await fx.PublishAsync(Child("child-cancel", "1"));
        await fx.PublishAsync(Parent("parent-cancel", "child-cancel", "latest"));
        var started = await Start("parent-cancel");
        var child = await ChildOf(started.InstanceId);

        Assert.True(await fx.With<IWorkflowRuntime, bool>(r => r.CancelInstanceAsync(started.InstanceId, "staff-1")));

        Assert.Equal(InstanceStatus.Cancelled, (await Get(child)).Status);
        Assert.Empty(await fx.OpenBookmarksAsync(child));
    }

    [Fact]
    public async Task SignalByCorrelation_ResumesTheApplicationsOpenWait()
    {
        await fx.PublishAsync(Flows.Linear("paid-signal", ("wait", "WaitForSignal", """{ "signal": "paid" }""")));
        var started = await Start("paid-signal", "application-77");

        var missing = await fx.With<IWorkflowRuntime, ResumeResult>(r => r.SignalByCorrelationAsync(null, "application-78", "paid", null, "portal"));
        var resumed = await fx.With<IWorkflowRuntime, ResumeResult>(r =>
            r.SignalByCorrelationAsync("paid-signal", "application-77", "paid", new Dictionary<string, object?> { ["amount"] = 5 }, "portal"));

        Assert.Equal(ResumeOutcome.NotFound, missing.Outcome);
        Assert.Equal(ResumeOutcome.Resumed, resumed.Outcome);
        Assert.Equal(started.InstanceId, resumed.InstanceId);
        Assert.Equal(InstanceStatus.Finished, (await Get(started.InstanceId)).Status);
    }

    [Fact]
    public async Task IncidentList_FiltersByStatusDefinitionAndActivity_NewestFirst_Paged()
    {
        await fx.PublishAsync(Flows.Linear("inc-a", ("boom", "Test.Flaky", """{ "failTimes": 9 }""")));
        await fx.PublishAsync(Of("inc-b", "", $$"""{{StartNode}}, {{Set("only", "x", "1")}}""", "start>only"));
        var a = await Start("inc-a");
        fx.Clock.Advance(TimeSpan.FromMinutes(1));
        var b = await Start("inc-b");
        fx.Clock.Advance(TimeSpan.FromMinutes(1));
        var a2 = await Start("inc-a");

        var open = await fx.With<IWorkflowRuntime, IncidentPage>(r => r.ListIncidentsAsync(new IncidentQuery(Open: true, DefinitionId: "inc-a")));
        var byType = await fx.With<IWorkflowRuntime, IncidentPage>(r => r.ListIncidentsAsync(new IncidentQuery(ActivityType: "SetVariable", DefinitionId: "inc-b")));
        var paged = await fx.With<IWorkflowRuntime, IncidentPage>(r => r.ListIncidentsAsync(new IncidentQuery(DefinitionId: "inc-a", Page: 2, PageSize: 1)));
        await fx.With<IWorkflowRuntime, bool>(r => r.CancelInstanceAsync(a.InstanceId, "staff-1"));
        var resolved = await fx.With<IWorkflowRuntime, IncidentPage>(r => r.ListIncidentsAsync(new IncidentQuery(Open: false, DefinitionId: "inc-a")));

        Assert.Equal([a2.InstanceId, a.InstanceId], open.Items.Select(i => i.InstanceId));
        Assert.Equal("boom", open.Items[0].NodeId);
        Assert.Equal(1, open.Items[0].Attempts);
        Assert.Equal(b.InstanceId, Assert.Single(byType.Items).InstanceId);
        Assert.Equal(2, paged.Total);
        Assert.Equal(a.InstanceId, Assert.Single(paged.Items).InstanceId);
        Assert.Equal(a.InstanceId, Assert.Single(resolved.Items).InstanceId);
        Assert.Equal("cancelled", resolved.Items[0].Resolution);
    }
}
