using System.Data.Common;
using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Activities;

/// <summary>What an executing activity sees: its instance, variables, earlier outputs, time and the step's database transaction.</summary>
public sealed class ActivityContext
{
    private readonly ExecutionState _state;
    private readonly StepResources? _resources;

    internal ActivityContext(
        ExecutionState state, string nodeId, string activityType, int attempt,
        IServiceProvider services, TimeProvider time, IWorkflowCalendar calendar,
        StepResources? resources, string idempotencyKey, CancellationToken cancellationToken)
    {
        _state = state;
        _resources = resources;
        NodeId = nodeId;
        ActivityType = activityType;
        Attempt = attempt;
        Services = services;
        Time = time;
        Calendar = calendar;
        IdempotencyKey = idempotencyKey;
        CancellationToken = cancellationToken;
    }

    /// <summary>The workflow instance.</summary>
    public Guid InstanceId => _state.InstanceId;

    /// <summary>The instance's correlation id (the application id), if any.</summary>
    public string? CorrelationId => _state.CorrelationId;

    /// <summary>The node being executed.</summary>
    public string NodeId { get; }

    /// <summary>The activity's type name.</summary>
    public string ActivityType { get; }

    /// <summary>1 for the first attempt, 2 for the first retry, …</summary>
    public int Attempt { get; }

    /// <summary>
    /// Unique per node execution and stable across redelivery of the same job: give it to external
    /// systems as an idempotency key, since a background job may run more than once.
    /// </summary>
    public string IdempotencyKey { get; }

    /// <summary>The host's services (scoped to the step).</summary>
    public IServiceProvider Services { get; }

    /// <summary>The clock (a fake one in tests).</summary>
    public TimeProvider Time { get; }

    /// <summary>The business calendar for due dates and business-day timers.</summary>
    public IWorkflowCalendar Calendar { get; }

    /// <summary>Cancelled when the host stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The instance variables (plain values: string, long, double, bool, lists, dictionaries).</summary>
    public IDictionary<string, object?> Variables => _state.Variables;

    /// <summary>The instance's start input.</summary>
    public IReadOnlyDictionary<string, object?> Input => _state.Input;

    /// <summary>Outputs of an earlier node, or null when it has not completed.</summary>
    public IReadOnlyDictionary<string, object?>? OutputsOf(string nodeId) =>
        _state.Outputs.TryGetValue(nodeId, out var outputs) ? outputs : null;

    /// <summary>
    /// A module DbContext bound to the step's connection and transaction: whatever the activity saves
    /// through it commits or rolls back together with the step (instance state, bookmarks, journal).
    /// Pending changes are saved by the runtime when the activity returns.
    /// </summary>
    public TContext GetDbContext<TContext>() where TContext : DbContext =>
        Resources.GetDbContext<TContext>();

    /// <summary>The step's open connection, for raw SQL that must commit with the step.</summary>
    public DbConnection Connection => Resources.Connection;

    /// <summary>The step's transaction (use with <see cref="Connection"/>).</summary>
    public DbTransaction Transaction => Resources.Transaction;

    /// <summary>The instance state, for built-ins that evaluate expressions themselves (Switch).</summary>
    internal ExecutionState State => _state;

    private StepResources Resources => _resources
        ?? throw new InvalidOperationException("This execution has no database step (in-memory run).");
}
