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
        while (!run.State.Faulted && !run.State.Ended && (flow.Queue.Count > 0 || TryReleaseJoin(run)))
        {
            if (run.Effects.ActivitiesRun >= MaxActivitiesPerStep)
            {
                var (nodeId, _) = Scopes.Split(flow.Queue[0]);
                run.Effects.Incident = new IncidentRecord(flow.Queue[0], run.Plan.Get(nodeId).Node.Type,
                    $"More than {MaxActivitiesPerStep} activities in one step: the graph loops without waiting.", 1);
                run.State.Faulted = true;
                break;
            }

            var next = flow.Queue[0];
            flow.Queue.RemoveAt(0);
            var (node, frame) = Scopes.Split(next);
            if (frame is not null && flow.Frames?.ContainsKey(frame) != true)
            {
                continue; // a branch of an iteration that has already come back
            }

            run.Frame = frame;
            var saved = EnterFrame(run);
            try
            {
                await RunNodeAsync(run, node);
            }
            finally
            {
                LeaveFrame(run, saved);
            }
        }

        run.Frame = null;
        CheckOutOfWork(run);
    }

    /// <summary>Continues a node whose bookmark was claimed, then runs what became ready.</summary>
    public async Task ResumeAsync(StepRun run, Guid bookmarkId, string nodeId, BookmarkResume resume, string? payload)
    {
        run.State.Flow.Waits.Remove(bookmarkId);
        Journal(run, JournalKinds.BookmarkResumed, nodeId, null, resume.Actor, $"{{\"bookmark\":\"{bookmarkId}\",\"kind\":\"{resume.Kind}\"}}");
        run.Frame = TakeWaitFrame(run, bookmarkId);
        var saved = EnterFrame(run);
        try
        {
            var (node, descriptor) = run.Plan.Get(nodeId);
            var boundary = BoundaryFired(run, bookmarkId, nodeId);
            if (!boundary)
            {
                CancelBoundariesOf(run, bookmarkId);
            }

            switch (boundary ? (BookmarkKind?)null : resume.Kind)
            {
                case null:
                    break; // a boundary timer: its outcome is scheduled, the main wait is untouched (or cancelled when interrupting)
                case BookmarkKind.Retry:
                    run.State.Flow.Queue.Add(Scopes.Token(nodeId, run.Frame));
                    break;
                case BookmarkKind.Job:
                    // A job bookmark resumed by anything but its lease runner (a plain resume) never runs the
                    // activity inside this step: it hands the same inputs to a new job bookmark.
                    AddBookmark(run, nodeId, node.Type, new BookmarkRequest { Kind = BookmarkKind.Job, DueAt = time.GetUtcNow() }, payload);
                    break;
                case BookmarkKind.ChildWorkflow:
                    // The child's result was written into the bookmark by the child's ending step.
                    run.State.Flow.Children?.Remove(bookmarkId);
                    await ExecuteAsync(run, node.Id, descriptor, Bind(run, node, descriptor), resume with { Payload = PlainValues.ParseObject(payload) });
                    break;
                default:
                    var activity = Bind(run, node, descriptor);
                    await ExecuteAsync(run, node.Id, descriptor, activity, resume);
                    break;
            }
        }
        finally
        {
            LeaveFrame(run, saved);
            run.Frame = null;
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
        run.LastNodeId = nodeId;
        var attempt = flow.Attempts.GetValueOrDefault(Scopes.Token(nodeId, run.Frame)) + 1;
        var context = new ActivityContext(run.State, nodeId, descriptor.TypeName, attempt, run.Services, time, calendar,
            run.Resources, flow.ActivationKey(run.State.InstanceId, Scopes.Token(nodeId, run.Frame)), run.CancellationToken);
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
            var main = AddBookmark(run, nodeId, descriptor.TypeName, result.Bookmark!, null);
            AddBoundaries(run, nodeId, main, result.Bookmark!);
            return;
        }

        if (descriptor.Outputs.Count > 0)
        {
            flow.Outputs[nodeId] = descriptor.Outputs.ToDictionary(o => o.Name, o => PlainValues.Normalize(o.Property.GetValue(activity)), StringComparer.Ordinal);
        }

        flow.Attempts.Remove(Scopes.Token(nodeId, run.Frame));
        Journal(run, JournalKinds.ActivityCompleted, nodeId, descriptor.TypeName, null, CompletionData(result, flow.Outputs.GetValueOrDefault(nodeId)));
        if (result.Kind == ActivityResult.ResultKind.Ended)
        {
            run.State.Ended = true;
            flow.Queue.Clear();
            flow.Joins.Clear();
            flow.Loops = null;
            flow.Frames = null;
            flow.WaitFrames = null;
            flow.Boundaries = null;
            if (flow.Waits.Count > 0)
            {
                flow.Waits.Clear();
                run.Effects.CancelOpenWaits = true;
            }

            return;
        }

        if (activity is Activities.Builtin.ForEach forEach && run.Plan.IsForEach(nodeId))
        {
            StartLoop(run, nodeId, forEach);
            return;
        }

        foreach (var outcome in result.Outcomes)
        {
            ScheduleOutcome(run, nodeId, outcome);
        }
    }

    private void Fail(StepRun run, string nodeId, ActivityDescriptor descriptor, Exception error, string? snapshot)
    {
        var flow = run.State.Flow;
        var key = Scopes.Token(nodeId, run.Frame);
        var attempts = flow.Attempts.GetValueOrDefault(key) + 1;
        flow.Attempts[key] = attempts;
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

        run.Effects.Incident = new IncidentRecord(key, descriptor.TypeName, message, attempts);
        run.State.Faulted = true;
    }

    private Guid AddBookmark(StepRun run, string nodeId, string type, BookmarkRequest request, string? payload)
    {
        var id = Guid.CreateVersion7();
        run.State.Flow.Waits[id] = nodeId;
        if (run.Frame is { } frame)
        {
            (run.State.Flow.WaitFrames ??= [])[id] = frame;
        }

        if (request.Child is { } child)
        {
            (run.State.Flow.Children ??= [])[id] = child.ChildId;
        }

        run.Effects.Bookmarks.Add(new NewBookmark(id, nodeId, request, payload));
        Journal(run, JournalKinds.BookmarkCreated, nodeId, type, null,
            $"{{\"bookmark\":\"{id}\",\"kind\":\"{request.Kind}\"{(request.DueAt is { } due ? $",\"dueAt\":\"{due:O}\"" : "")}}}");
        return id;
    }

    private void Journal(StepRun run, string kind, string? nodeId, string? type, string? actor, string? data) =>
        run.Journal(time.GetUtcNow(), kind, nodeId, type, actor, data);
}
