using System.Diagnostics;
using CloudpackPlus.Workflows;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Benchmarks;

/// <summary>The interpreter alone: a 10-activity workflow (expressions, a decision) run in memory.</summary>
internal static class EngineBenchmark
{
    public static string Graph(string id) => $$$"""
        { "definitionId": "{{{id}}}", "variables": [ { "name": "n", "default": 0 } ],
          "activities": [ { "id": "start", "type": "Start" },
            { "id": "a1", "type": "SetVariable", "inputs": { "name": "n", "value": { "expr": "variables.n + 1" } } },
            { "id": "a2", "type": "SetVariable", "inputs": { "name": "n", "value": { "expr": "variables.n + 1" } } },
            { "id": "a3", "type": "SetVariable", "inputs": { "name": "label", "value": "step {{ variables.n }}" } },
            { "id": "a4", "type": "SetVariable", "inputs": { "name": "n", "value": { "expr": "variables.n * 2" } } },
            { "id": "d", "type": "Decision", "inputs": { "condition": { "expr": "variables.n > 3" } } },
            { "id": "a5", "type": "SetVariable", "inputs": { "name": "big", "value": true } },
            { "id": "a6", "type": "SetVariable", "inputs": { "name": "n", "value": { "expr": "variables.n - 1" } } },
            { "id": "a7", "type": "SetVariable", "inputs": { "name": "done", "value": "yes" } },
            { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "a1" }, { "from": "a1", "outcome": "Done", "to": "a2" },
            { "from": "a2", "outcome": "Done", "to": "a3" }, { "from": "a3", "outcome": "Done", "to": "a4" },
            { "from": "a4", "outcome": "Done", "to": "d" }, { "from": "d", "outcome": "True", "to": "a5" },
            { "from": "d", "outcome": "False", "to": "a6" }, { "from": "a5", "outcome": "Done", "to": "a6" },
            { "from": "a6", "outcome": "Done", "to": "a7" }, { "from": "a7", "outcome": "Done", "to": "end" } ] }
        """;

    public static async Task<(double MicrosecondsPerWorkflow, double BytesPerWorkflow, int Runs)> RunAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddCloudpackWorkflows();
        await using var provider = services.BuildServiceProvider();
        var plan = new ExecutionPlan(WorkflowGraph.Parse(Graph("engine")), provider.GetRequiredService<ActivityRegistry>());
        var interpreter = provider.GetRequiredService<FlowchartInterpreter>();

        async Task RunOnce()
        {
            var state = new ExecutionState { InstanceId = Guid.NewGuid(), Variables = { ["n"] = 0L } };
            state.Flow.Queue.Add(plan.StartNodeId);
            var effects = new StepEffects();
            await interpreter.RunAsync(new StepRun(plan, state, effects, null, provider, CancellationToken.None));
            if (!state.Ended || effects.ActivitiesRun != 10)
            {
                throw new InvalidOperationException("the benchmark workflow did not run its 10 activities");
            }
        }

        for (var i = 0; i < 5_000; i++)
        {
            await RunOnce();
        }

        const int Runs = 50_000;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            await RunOnce();
        }

        sw.Stop();
        return (sw.Elapsed.TotalMicroseconds / Runs, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Runs, Runs);
    }
}
