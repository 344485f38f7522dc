using System.Text.Json;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>
/// Random graphs and forms from fixed seeds: parsing throws only <see cref="WorkflowDefinitionException"/>,
/// validation never throws, a graph that validates runs in memory (with a few resumes) without throwing,
/// and a form schema throws only <see cref="FormatException"/>.
/// </summary>
public sealed partial class PropertyTests
{
    private const int Seeds = 500;

    private static readonly string[] Types =
        ["Start", "End", "SetVariable", "Decision", "Fork", "Join", "Switch", "ForEach", "Delay", "WaitForSignal", "HumanTask", "ComputeChecksum", "CallWorkflow", "Test.Flaky", "NoSuchType"];

    private static readonly string[] Outcomes = ["Done", "Done", "Done", "True", "False", "Iterate", "Default", "A", "B", "remind", "Faulted", "Bogus"];

    private static readonly string[] Values =
    [
        "1", "\"text\"", "true", "null", "[1, 2, 3]", "{ \"a\": 1 }", "{ \"expr\": \"variables.x + 1\" }", "{ \"expr\": \"1 +* (\" }",
        "\"{{ variables.x }}\"", "\"{{ for\"", "{ \"expr\": \"[1, 2, 3]\" }", "{ \"expr\": \"variables.nope.deeper\" }",
        "{ \"expr\": \"for i in 1..5000; end\" }", "{ \"expr\": \"1 / 0\" }", "{ \"expr\": \"variables.x > 2\" }", "\"00:00:05\"", "\"PT1M\"", "\"P-bad\"",
        "-7", "1e400", "{ \"expr\": 5 }", "\"2030-01-01T00:00:00Z\"",
    ];

    private static readonly string[] FieldTypes = ["string", "text", "integer", "number", "boolean", "date", "datetime", "choice", "hologram", ""];

    public static TheoryData<int> SeedBatches()
    {
        var data = new TheoryData<int>();
        for (var batch = 0; batch < 10; batch++)
        {
            data.Add(batch);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedBatches))]
    public async Task RandomGraphs_ParseValidateAndRun_ThrowingOnlyTheDocumentedErrors(int batch)
    {
        var executed = 0;
        for (var seed = batch * (Seeds / 10); seed < (batch + 1) * (Seeds / 10); seed++)
        {
            var random = new Random(seed);
            var json = seed % 4 == 0 ? RandomGraph(random) : StructuredGraph(random);
            executed += await CheckGraphAsync(seed, json) ? 1 : 0;
        }

        // Most structured graphs validate, so execution is really exercised (a graph refused by the validator does not run).
        Assert.True(executed >= Seeds / 10 / 4, $"only {executed} graphs of batch {batch} were valid enough to run");
    }

    [Fact]
    public void RandomForms_ParseOrThrowFormatException_AndCheckNeverThrows()
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var random = new Random(seed);
            var json = RandomForm(random);
            FormSchema schema;
            try
            {
                schema = FormSchema.Parse(json);
            }
            catch (FormatException)
            {
                continue;
            }

            using var data = JsonDocument.Parse($$"""{ "f0": {{Pick(random, Values)}}, "f1": {{Pick(random, Values)}}, "other": 1 }""");
            var values = data.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
            var errors = schema.Check(values);
            Assert.NotNull(errors);
        }
    }

    private static async Task<bool> CheckGraphAsync(int seed, string json)
    {
        WorkflowGraph graph;
        try
        {
            graph = WorkflowGraph.Parse(json);
        }
        catch (WorkflowDefinitionException)
        {
            return false;
        }

        var problems = InMemoryWorkflows.Validator.Validate(graph);
        Assert.NotNull(problems);
        if (problems.Count > 0)
        {
            Assert.All(problems, p => Assert.False(string.IsNullOrEmpty(p.Code), $"seed {seed}"));
            return false;
        }

        var plan = new ExecutionPlan(graph, InMemoryWorkflows.Registry);
        var state = new ExecutionState { InstanceId = Guid.NewGuid(), Variables = { ["x"] = 3L } };
        state.Flow.Queue.Add(plan.StartNodeId);
        var effects = new StepEffects();
        var run = new StepRun(plan, state, effects, null, InMemoryWorkflows.Services, CancellationToken.None);
        await InMemoryWorkflows.Interpreter.RunAsync(run);
        var created = effects.Bookmarks.ToDictionary(b => b.Id);
        for (var resumes = 0; resumes < 5 && !state.Ended && !state.Faulted && state.Flow.Waits.Count > 0; resumes++)
        {
            var (bookmarkId, nodeId) = state.Flow.Waits.First();
            var bookmark = created[bookmarkId];
            effects = new StepEffects();
            run = new StepRun(plan, state, effects, null, InMemoryWorkflows.Services, CancellationToken.None);
            await InMemoryWorkflows.Interpreter.ResumeAsync(run, bookmarkId, nodeId,
                new BookmarkResume(bookmark.Request.Kind, new Dictionary<string, object?>(), "property-test"), bookmark.Payload);
            foreach (var b in effects.Bookmarks)
            {
                created[b.Id] = b;
            }
        }

        Assert.True(state.Ended || state.Faulted || state.Flow.Waits.Count > 0 || state.Flow.Queue.Count == 0, $"seed {seed}: {json}");
        return true;
    }
}
