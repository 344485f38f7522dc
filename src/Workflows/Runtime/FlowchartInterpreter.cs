using System.Text.Json;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Expressions;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>
/// Runs a flowchart over an <see cref="ExecutionState"/> without touching storage: it executes ready
/// nodes one after another and records bookmarks, journal lines and incidents in <see cref="StepEffects"/>
/// for the store to write in the step's transaction.
/// </summary>
internal sealed partial class FlowchartInterpreter(
    ExpressionEvaluator expressions, IWorkflowCalendar calendar, TimeProvider time)
{
    private const int MaxJournalOutputChars = 2048;

    /// <summary>A guard against graphs that loop forever inside one step.</summary>
    public const int MaxActivitiesPerStep = 10_000;

    public async Task RunAsync(StepRun run)
    {
        var flow = run.State.Flow;
        while (flow.Queue.Count > 0 && !run.State.Faulted && !run.State.Ended)
        {
            if (run.Effects.ActivitiesRun >= MaxActivitiesPerStep)
            {
                var nodeId = flow.Queue[0];
                run.Effects.Incident = new IncidentRecord(nodeId, run.Plan.Get(nodeId).Node.Type,
                    $"More than {MaxActivitiesPerStep} activities in one step: the graph loops without waiting.", 1);
                run.State.Faulted = true;
                break;
            }

            var next = flow.Queue[0];
            flow.Queue.RemoveAt(0);
            await RunNodeAsync(run, next);
        }
    }

    /// <summary>Continues a node whose bookmark was claimed, then runs what became ready.</summary>
    public async Task ResumeAsync(StepRun run, Guid bookmarkId, string nodeId, BookmarkResume resume, string? payload)
    {
        run.State.Flow.Waits.Remove(bookmarkId);
        Journal(run, JournalKinds.BookmarkResumed, nodeId, null, resume.Actor, $"{{\"bookmark\":\"{bookmarkId}\",\"kind\":\"{resume.Kind}\"}}");
        var (node, descriptor) = run.Plan.Get(nodeId);
        switch (resume.Kind)
        {
            case BookmarkKind.Retry:
                run.State.Flow.Queue.Add(nodeId);
                break;
            case BookmarkKind.Job:
                // A job bookmark resumed by anything but its lease runner (a plain resume) never runs the
                // activity inside this step: it hands the same inputs to a new job bookmark.
                AddBookmark(run, nodeId, node.Type, new BookmarkRequest { Kind = BookmarkKind.Job, DueAt = time.GetUtcNow() }, payload);
                break;
            default:
                var activity = Bind(run, node, descriptor);
                await ExecuteAsync(run, node.Id, descriptor, activity, resume);
                break;
        }

        await RunAsync(run);
    }

    private async Task RunNodeAsync(StepRun run, string nodeId)
    {
        var (node, descriptor) = run.Plan.Get(nodeId);
        if (descriptor.Kind != ActivityKind.Instant)
        {
            // An instant activity starts and completes in the same step: its completed (or faulted)
            // line says all, and halving the journal rows is most of a step's write cost.
            Journal(run, JournalKinds.ActivityStarted, nodeId, node.Type, null, null);
        }

        Activity activity;
        try
        {
            activity = Bind(run, node, descriptor);
        }
        catch (Exception e) when (e is ExpressionException or FormatException or InvalidCastException or JsonException or OverflowException or ArgumentException)
        {
            Fail(run, nodeId, descriptor, e, snapshot: null);
            return;
        }

        if (descriptor.Kind == ActivityKind.Background)
        {
            // The job re-creates the activity from this snapshot, so it sees the inputs of this moment.
            AddBookmark(run, nodeId, node.Type, new BookmarkRequest { Kind = BookmarkKind.Job, DueAt = time.GetUtcNow() }, InputSnapshot(descriptor, activity));
            return;
        }

        await ExecuteAsync(run, nodeId, descriptor, activity, isResume: null);
    }

    private async Task ExecuteAsync(StepRun run, string nodeId, ActivityDescriptor descriptor, Activity activity, BookmarkResume? isResume)
    {
        var flow = run.State.Flow;
        var attempt = flow.Attempts.GetValueOrDefault(nodeId) + 1;
        var context = new ActivityContext(run.State, nodeId, descriptor.TypeName, attempt, run.Services, time, calendar,
            run.Resources, flow.ActivationKey(run.State.InstanceId, nodeId), run.CancellationToken);
        run.Effects.ActivitiesRun++;
        ActivityResult result;
        run.Resources?.BeginActivity(nodeId, descriptor.TypeName);
        try
        {
            result = isResume is null ? await activity.ExecuteAsync(context) : await activity.ResumeAsync(context, isResume);
            if (run.Resources is not null)
            {
                await run.Resources.CompleteActivityAsync(run.CancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !run.CancellationToken.IsCancellationRequested)
        {
            if (run.Resources is not null)
            {
                await run.Resources.FailActivityAsync(e, run.CancellationToken);
            }

            Fail(run, nodeId, descriptor, e, descriptor.Kind == ActivityKind.Background ? InputSnapshot(descriptor, activity) : null);
            return;
        }

        Handle(run, nodeId, descriptor, activity, result);
    }

    private void Handle(StepRun run, string nodeId, ActivityDescriptor descriptor, Activity activity, ActivityResult result)
    {
        var flow = run.State.Flow;
        if (result.Kind == ActivityResult.ResultKind.Suspended)
        {
            AddBookmark(run, nodeId, descriptor.TypeName, result.Bookmark!, null);
            return;
        }

        if (descriptor.Outputs.Count > 0)
        {
            flow.Outputs[nodeId] = descriptor.Outputs.ToDictionary(o => o.Name, o => PlainValues.Normalize(o.Property.GetValue(activity)), StringComparer.Ordinal);
        }

        flow.Attempts.Remove(nodeId);
        Journal(run, JournalKinds.ActivityCompleted, nodeId, descriptor.TypeName, null, CompletionData(result, flow.Outputs.GetValueOrDefault(nodeId)));
        if (result.Kind == ActivityResult.ResultKind.Ended)
        {
            run.State.Ended = true;
            flow.Queue.Clear();
            flow.Joins.Clear();
            if (flow.Waits.Count > 0)
            {
                flow.Waits.Clear();
                run.Effects.CancelOpenWaits = true;
            }

            return;
        }

        foreach (var outcome in result.Outcomes)
        {
            foreach (var target in run.Plan.Next(nodeId, outcome))
            {
                Schedule(run, nodeId, target);
            }
        }
    }

    private static void Schedule(StepRun run, string from, string target)
    {
        var flow = run.State.Flow;
        if (!run.Plan.IsJoin(target))
        {
            Enter(flow, target);
            return;
        }

        if (!flow.Joins.TryGetValue(target, out var arrived))
        {
            flow.Joins[target] = arrived = [];
        }

        if (!arrived.Contains(from))
        {
            arrived.Add(from);
        }

        if (arrived.Count >= run.Plan.JoinArity(target))
        {
            flow.Joins.Remove(target);
            Enter(flow, target);
        }
    }

    /// <summary>A fresh entry into a node (not a retry): a new activation, so a new idempotency key.</summary>
    private static void Enter(FlowState flow, string nodeId)
    {
        flow.Activations[nodeId] = flow.Activations.GetValueOrDefault(nodeId) + 1;
        flow.Queue.Add(nodeId);
    }

    private void Fail(StepRun run, string nodeId, ActivityDescriptor descriptor, Exception error, string? snapshot)
    {
        var flow = run.State.Flow;
        var attempts = flow.Attempts.GetValueOrDefault(nodeId) + 1;
        flow.Attempts[nodeId] = attempts;
        var policy = run.Plan.Get(nodeId).Node.Retry ?? new Model.RetryPolicy(descriptor.DefaultMaxAttempts);
        var message = $"{error.GetType().Name}: {error.Message}";
        Journal(run, JournalKinds.ActivityFaulted, nodeId, descriptor.TypeName, null,
            PlainValues.ToJson(new Dictionary<string, object?> { ["error"] = message, ["attempt"] = attempts, ["maxAttempts"] = policy.MaxAttempts }));
        if (attempts < policy.MaxAttempts)
        {
            var due = time.GetUtcNow() + policy.DelayAfter(attempts);
            var request = new BookmarkRequest { Kind = descriptor.Kind == ActivityKind.Background ? BookmarkKind.Job : BookmarkKind.Retry, DueAt = due };
            AddBookmark(run, nodeId, descriptor.TypeName, request, snapshot);
            return;
        }

        run.Effects.Incident = new IncidentRecord(nodeId, descriptor.TypeName, message, attempts);
        run.State.Faulted = true;
    }

    private void AddBookmark(StepRun run, string nodeId, string type, BookmarkRequest request, string? payload)
    {
        var id = Guid.CreateVersion7();
        run.State.Flow.Waits[id] = nodeId;
        run.Effects.Bookmarks.Add(new NewBookmark(id, nodeId, request, payload));
        Journal(run, JournalKinds.BookmarkCreated, nodeId, type, null,
            $"{{\"bookmark\":\"{id}\",\"kind\":\"{request.Kind}\"{(request.DueAt is { } due ? $",\"dueAt\":\"{due:O}\"" : "")}}}");
    }

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

    private void Journal(StepRun run, string kind, string? nodeId, string? type, string? actor, string? data) =>
        run.Journal(time.GetUtcNow(), kind, nodeId, type, actor, data);
}

/// <summary>Everything one step works on.</summary>
internal sealed record StepRun(
    ExecutionPlan Plan, ExecutionState State, StepEffects Effects, StepResources? Resources,
    IServiceProvider Services, CancellationToken CancellationToken)
{
    /// <summary>Adds a journal line with the instance's next sequence number.</summary>
    public void Journal(DateTimeOffset at, string kind, string? nodeId, string? activityType, string? actor, string? data) =>
        Effects.Journal.Add(new JournalRecord(++State.Flow.JournalSeq, at, kind, nodeId, activityType, actor, data));
}
