using System.Data.Common;
using CloudpackPlus.Workflows.Background;
using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Workflows.Activities;

/// <summary>
/// What an executing activity sees: its instance, variables, earlier outputs, time, and either the
/// step's database transaction (instant and blocking activities) or, for a background activity that
/// runs under a lease outside any transaction, progress reporting and the result's commit.
/// </summary>
public sealed class ActivityContext
{
    private readonly ExecutionState _state;
    private readonly StepResources? _resources;
    private readonly BackgroundSession? _background;
    private ActivityEffects? _effects;

    internal ActivityContext(
        ExecutionState state, string nodeId, string activityType, int attempt,
        IServiceProvider services, TimeProvider time, IWorkflowCalendar calendar,
        StepResources? resources, string idempotencyKey, CancellationToken cancellationToken, BackgroundSession? background = null)
    {
        _state = state;
        _resources = resources;
        _background = background;
        NodeId = nodeId;
        ActivityType = activityType;
        Attempt = attempt;
        Services = services;
        Time = time;
        Calendar = calendar;
        IdempotencyKey = idempotencyKey;
        CancellationToken = background?.Token ?? cancellationToken;
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
    /// One key per activation of the node (<c>{instance:N}:{node}:{activation}</c>): the same for every
    /// retry and every redelivery of its job, new when the flow enters the node again. Give it to
    /// external systems as an idempotency key, and record effects with <see cref="Effects"/>.
    /// </summary>
    public string IdempotencyKey { get; }

    /// <summary>The host's services (scoped to the step).</summary>
    public IServiceProvider Services { get; }

    /// <summary>The clock (a fake one in tests).</summary>
    public TimeProvider Time { get; }

    /// <summary>The business calendar for due dates and business-day timers.</summary>
    public IWorkflowCalendar Calendar { get; }

    /// <summary>
    /// Cancelled when the host stops; for a background activity also when its result can no longer be
    /// applied (instance cancelled or ended, lease lost): within <c>Workflows:LeaseCheckInterval</c>.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The instance variables (plain values: string, long, double, bool, lists, dictionaries).</summary>
    public IDictionary<string, object?> Variables => _state.Variables;

    /// <summary>The instance's start input.</summary>
    public IReadOnlyDictionary<string, object?> Input => _state.Input;

    /// <summary>Outputs of an earlier node, or null when it has not completed.</summary>
    public IReadOnlyDictionary<string, object?>? OutputsOf(string nodeId) =>
        _state.Outputs.TryGetValue(nodeId, out var outputs) ? outputs : null;

    /// <summary>True for a background activity running under a lease, with no transaction and no instance lock open.</summary>
    public bool RunsOutsideStep => _background is not null;

    /// <summary>Exactly-once external effects of this activation (<see cref="ActivityEffects.RunOnceAsync{T}"/>).</summary>
    public ActivityEffects Effects => _effects ??=
        new ActivityEffects(Services.GetRequiredService<NpgsqlDataSource>(), InstanceId, IdempotencyKey, Time, CancellationToken);

    /// <summary>
    /// Reports how far a background activity is (e.g. 4,200 of 10,000 findings); shown live on the
    /// application page and in the instance viewer. Cheap to call often: it is written at most once per
    /// <c>Workflows:LeaseCheckInterval</c> and with the result. Ignored for activities that run in the step.
    /// </summary>
    public void ReportProgress(long done, long? total = null, string? message = null) =>
        _background?.Report(done, total, message, Time.GetUtcNow());

    /// <summary>
    /// For a background activity: domain writes that commit in the short step that applies its result,
    /// together with its outputs, and only if the result is applied (not if the lease was lost). The
    /// scope's DbContexts are bound to that step's transaction. A failure counts as the activity's failure.
    /// </summary>
    public void CommitWithResult(Func<IWorkflowStepScope, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        (_background ?? throw new InvalidOperationException(
            "CommitWithResult is for background activities; an activity that runs in the step writes through GetDbContext."))
            .CommitWork.Add(work);
    }

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
        ?? throw new InvalidOperationException(_background is not null
            ? $"Background activity '{ActivityType}' (node '{NodeId}') runs with no transaction and no instance lock open: "
              + "GetDbContext, Connection and Transaction are not available. Open your own scope from context.Services for reads "
              + "or short transactions, record external calls with context.Effects.RunOnceAsync, and use context.CommitWithResult "
              + "for writes that must commit with the activity's result."
            : "This execution has no database step (in-memory run).");
}
