using System.Text.Json;
using CloudpackPlus.Workflows.Activities.Builtin;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>ForEach iterations (frames), joins that wait only for branches that can still arrive, and running out of work.</summary>
internal sealed partial class FlowchartInterpreter
{
    /// <summary>The incident message of an instance that stopped without reaching an End activity.</summary>
    public const string OutOfWorkError = IncidentErrors.OutOfWork;

    private void ScheduleOutcome(StepRun run, string nodeId, string outcome)
    {
        foreach (var target in run.Plan.Next(nodeId, outcome))
        {
            Schedule(run, nodeId, target);
        }
    }

    private void Schedule(StepRun run, string from, string target)
    {
        var flow = run.State.Flow;
        if (run.Frame is { } frame && run.Plan.IsForEach(target) && IsLoopOf(run, frame, target))
        {
            IterationBack(run, frame);
            return;
        }

        var token = Scopes.Token(target, run.Frame);
        if (!run.Plan.IsJoin(target))
        {
            Enter(flow, token);
            return;
        }

        if (!flow.Joins.TryGetValue(token, out var arrived))
        {
            flow.Joins[token] = arrived = [];
        }

        if (!arrived.Contains(from))
        {
            arrived.Add(from);
        }

        if (arrived.Count >= run.Plan.JoinArity(target))
        {
            flow.Joins.Remove(token);
            Enter(flow, token);
        }
    }

    /// <summary>A fresh entry into a node (not a retry): a new activation, so a new idempotency key. Keyed by token, so each ForEach iteration has its own.</summary>
    private static void Enter(FlowState flow, string token)
    {
        flow.Activations[token] = flow.Activations.GetValueOrDefault(token) + 1;
        flow.Queue.Add(token);
    }

    private static string? TakeWaitFrame(StepRun run, Guid bookmarkId)
    {
        var frames = run.State.Flow.WaitFrames;
        if (frames is null || !frames.Remove(bookmarkId, out var frame))
        {
            return null;
        }

        if (frames.Count == 0)
        {
            run.State.Flow.WaitFrames = null;
        }

        return run.State.Flow.Frames?.ContainsKey(frame) == true ? frame : null;
    }

    /// <summary>Makes the iteration's item and index (and those of enclosing loops) visible as variables; returns what to restore.</summary>
    private static List<(string Name, bool Existed, object? Value)>? EnterFrame(StepRun run)
    {
        if (run.Frame is null || run.State.Flow.Frames is not { } frames || run.State.Flow.Loops is not { } loops)
        {
            return null;
        }

        var chain = new List<(LoopState Loop, FrameState Frame)>();
        for (var id = run.Frame; id is not null && frames.TryGetValue(id, out var frame) && loops.TryGetValue(frame.Loop, out var loop); id = loop.ParentFrame)
        {
            chain.Insert(0, (loop, frame));
        }

        var saved = new List<(string, bool, object?)>();
        var variables = run.State.Variables;
        foreach (var (loop, frame) in chain)
        {
            foreach (var (name, value) in new[] { (loop.ItemVariable, ParseItem(frame.ItemJson)), (loop.IndexVariable, (object?)(long)frame.Index) })
            {
                saved.Add((name, variables.TryGetValue(name, out var old), old));
                variables[name] = value;
            }
        }

        return saved;
    }

    private static void LeaveFrame(StepRun run, List<(string Name, bool Existed, object? Value)>? saved)
    {
        if (saved is null)
        {
            return;
        }

        for (var i = saved.Count - 1; i >= 0; i--)
        {
            var (name, existed, value) = saved[i];
            if (existed)
            {
                run.State.Variables[name] = value;
            }
            else
            {
                run.State.Variables.Remove(name);
            }
        }
    }

    private static object? ParseItem(string json)
    {
        using var document = JsonDocument.Parse(json);
        return PlainValues.FromJson(document.RootElement);
    }

    private void StartLoop(StepRun run, string nodeId, ForEach forEach)
    {
        var key = run.Frame is null ? nodeId : $"{nodeId}<{run.Frame}";
        var loop = new LoopState
        {
            Node = nodeId, ParentFrame = run.Frame, ItemsJson = PlainValues.ToJson(forEach.List), Count = forEach.List.Count,
            MaxParallel = forEach.MaxParallel ?? 1,
            ItemVariable = string.IsNullOrEmpty(forEach.ItemVariable) ? "item" : forEach.ItemVariable,
            IndexVariable = string.IsNullOrEmpty(forEach.IndexVariable) ? "index" : forEach.IndexVariable,
        };
        if (loop.Count == 0)
        {
            ScheduleOutcome(run, nodeId, Activities.ActivityResult.DefaultOutcome);
            return;
        }

        (run.State.Flow.Loops ??= new(StringComparer.Ordinal))[key] = loop;
        LaunchIterations(run, key, loop);
    }

    private void LaunchIterations(StepRun run, string key, LoopState loop)
    {
        var flow = run.State.Flow;
        using var items = JsonDocument.Parse(loop.ItemsJson);
        var current = run.Frame;
        while (loop.Active < loop.MaxParallel && loop.Next < loop.Count)
        {
            var index = loop.Next++;
            loop.Active++;
            var frame = $"{key}#{index}";
            (flow.Frames ??= new(StringComparer.Ordinal))[frame] = new FrameState
            {
                Loop = key, Index = index, ItemJson = items.RootElement[index].GetRawText(),
            };
            run.Frame = frame;
            ScheduleOutcome(run, loop.Node, ForEach.IterateOutcome);
        }

        run.Frame = current;
    }

    private static bool IsLoopOf(StepRun run, string frame, string forEachNode) =>
        run.State.Flow.Frames?.GetValueOrDefault(frame) is { } f && run.State.Flow.Loops?.GetValueOrDefault(f.Loop) is { } loop && loop.Node == forEachNode;

    /// <summary>An iteration's body came back to its ForEach: start the next item, or leave by Done after the last.</summary>
    private void IterationBack(StepRun run, string frame)
    {
        var flow = run.State.Flow;
        var key = flow.Frames![frame].Loop;
        var loop = flow.Loops![key];
        flow.Frames.Remove(frame);
        loop.Active--;
        var current = run.Frame;
        run.Frame = loop.ParentFrame;
        if (loop.Next < loop.Count)
        {
            LaunchIterations(run, key, loop);
        }
        else if (loop.Active == 0)
        {
            flow.Loops.Remove(key);
            Journal(run, JournalKinds.ActivityCompleted, loop.Node, BuiltinTypes.ForEach, null,
                $"{{\"outcomes\":[\"Done\"],\"iterations\":{loop.Count}}}");
            ScheduleOutcome(run, loop.Node, Activities.ActivityResult.DefaultOutcome);
        }

        if (flow.Frames.Count == 0)
        {
            flow.Frames = null;
        }

        if (flow.Loops.Count == 0)
        {
            flow.Loops = null;
        }

        run.Frame = current;
    }

    /// <summary>
    /// Releases a Join whose missing branches can no longer arrive: no queued node, open wait or other
    /// pending join can reach any of them (e.g. the branch a Decision did not take). Called when the queue is empty.
    /// </summary>
    private static bool TryReleaseJoin(StepRun run)
    {
        var flow = run.State.Flow;
        if (flow.Joins.Count == 0)
        {
            return false;
        }

        var waits = flow.Waits.Values.Distinct(StringComparer.Ordinal).ToList();
        foreach (var (key, arrived) in flow.Joins.OrderBy(j => j.Key, StringComparer.Ordinal))
        {
            var (join, _) = Scopes.Split(key);
            var live = waits.Concat(flow.Joins.Keys.Where(k => k != key).Select(k => Scopes.Split(k).Node)).ToList();
            var missing = run.Plan.Sources(join).Where(s => !arrived.Contains(s));
            if (!missing.Any(source => live.Any(position => run.Plan.CanReach(position, source))))
            {
                flow.Joins.Remove(key);
                Enter(flow, key);
                return true;
            }
        }

        if (waits.Count == 0)
        {
            // Pending joins that can only be fed by each other: release one rather than stop.
            var first = flow.Joins.Keys.Order(StringComparer.Ordinal).First();
            flow.Joins.Remove(first);
            Enter(flow, first);
            return true;
        }

        return false;
    }

    /// <summary>Nothing queued, nothing awaited and no End reached: the instance faults with an incident, it never counts as finished.</summary>
    private static void CheckOutOfWork(StepRun run)
    {
        var state = run.State;
        var flow = state.Flow;
        if (state.Ended || state.Faulted || flow.Queue.Count > 0 || flow.Waits.Count > 0 || flow.Joins.Count > 0)
        {
            return;
        }

        var node = run.LastNodeId ?? run.Plan.StartNodeId;
        run.Effects.Incident = new IncidentRecord(node, run.Plan.Get(node).Node.Type, OutOfWorkError, 1);
        state.Faulted = true;
    }
}

/// <summary>Queue entries and join keys inside a ForEach iteration are <c>node@frame</c>; at the top level just the node id.</summary>
internal static class Scopes
{
    public static string Token(string nodeId, string? frame) => frame is null ? nodeId : $"{nodeId}@{frame}";

    public static (string Node, string? Frame) Split(string token)
    {
        var at = token.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (token, null) : (token[..at], token[(at + 1)..]);
    }
}
