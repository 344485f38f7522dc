using System.Text.Json;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Expressions;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>Binding inputs (literals, expressions, background snapshots) and the completion journal line.</summary>
internal sealed partial class FlowchartInterpreter
{
    internal Activity Bind(StepRun run, Model.ActivityNode node, ActivityDescriptor descriptor)
    {
        var activity = (Activity)descriptor.Factory(run.Services, null);
        foreach (var input in descriptor.Inputs)
        {
            if (node.Inputs.TryGetValue(input.Name, out var raw))
            {
                input.Property.SetValue(activity, PlainValues.ConvertTo(EvaluateInput(raw, run.State), input.Property.PropertyType));
            }
        }

        return activity;
    }

    /// <summary>A background activity's bound inputs as JSON: the job re-creates the activity from it (<see cref="BindFromSnapshot"/>).</summary>
    private static string InputSnapshot(ActivityDescriptor descriptor, Activity activity) =>
        PlainValues.ToJson(descriptor.Inputs.ToDictionary(i => i.Name, i => PlainValues.Normalize(i.Property.GetValue(activity))));

    private static Activity BindFromSnapshot(IServiceProvider services, ActivityDescriptor descriptor, string? snapshot)
    {
        var values = PlainValues.ParseObject(snapshot);
        var activity = (Activity)descriptor.Factory(services, null);
        foreach (var input in descriptor.Inputs)
        {
            if (values.TryGetValue(input.Name, out var value))
            {
                input.Property.SetValue(activity, PlainValues.ConvertTo(value, input.Property.PropertyType));
            }
        }

        return activity;
    }

    private object? EvaluateInput(JsonElement raw, ExecutionState state) => ExpressionEvaluator.ExpressionIn(raw) switch
    {
        { Template: true } template => expressions.Render(template.Text, state),
        { } code => expressions.Evaluate(code.Text, state),
        null => PlainValues.FromJson(raw),
    };

    /// <summary>The journal line of a completion: its outcomes, and its outputs when they are small (timelines read them).</summary>
    private static string? CompletionData(ActivityResult result, Dictionary<string, object?>? outputs)
    {
        // Each part is serialised once; the outputs' text both decides their size and goes into the line.
        var outcomesJson = result.Outcomes.Count > 0 ? PlainValues.ToJson(result.Outcomes) : null;
        var outputsJson = outputs is { Count: > 0 } && PlainValues.ToJson(outputs) is { Length: <= MaxJournalOutputChars } json ? json : null;
        return (outcomesJson, outputsJson) switch
        {
            (null, null) => null,
            (_, null) => $"{{\"outcomes\":{outcomesJson}}}",
            (null, _) => $"{{\"outputs\":{outputsJson}}}",
            _ => $"{{\"outcomes\":{outcomesJson},\"outputs\":{outputsJson}}}",
        };
    }
}
