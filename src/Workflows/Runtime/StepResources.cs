using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>
/// The step's connection and transaction, shared with any module DbContext an activity asks for.
/// An activity that touches the database gets a savepoint, so its failure undoes only its own writes.
/// The transaction begins on first use (Npgsql sends the BEGIN with the next command): a step whose only write is its
/// final batch may run that batch without one (see <see cref="StepExecutor.Step.ApplyAsync"/>).
/// </summary>
internal sealed class StepResources(NpgsqlConnection connection, IServiceProvider services)
{
    private const string Savepoint = "wf_activity";
    private readonly Dictionary<Type, DbContext> _contexts = [];
    private NpgsqlTransaction? _transaction;
    private bool _savepoint;

    /// <summary>The step's connection, without taking a savepoint (the runtime's own writes).</summary>
    internal NpgsqlConnection Npgsql => connection;

    /// <summary>The step's transaction (begun now if it has not been), without taking a savepoint.</summary>
    internal NpgsqlTransaction NpgsqlTransaction => _transaction ??= connection.BeginTransaction();

    /// <summary>The transaction, if anything in the step has begun it.</summary>
    internal NpgsqlTransaction? BegunTransaction => _transaction;

    /// <summary>The first activity this step began (a retry from an incident re-runs it).</summary>
    public StepActivity? EntryNode { get; private set; }

    /// <summary>The activity running now, or the last one that ran.</summary>
    public StepActivity? CurrentNode { get; private set; }

    public DbConnection Connection
    {
        get
        {
            EnsureSavepoint();
            return connection;
        }
    }

    public DbTransaction Transaction
    {
        get
        {
            EnsureSavepoint();
            return NpgsqlTransaction;
        }
    }

    /// <summary>A module DbContext on the step's connection and transaction (one per type per step).</summary>
    public TContext GetDbContext<TContext>() where TContext : DbContext
    {
        EnsureSavepoint();
        if (_contexts.TryGetValue(typeof(TContext), out var existing))
        {
            return (TContext)existing;
        }

        var context = services.GetRequiredService<TContext>();
        context.Database.SetDbConnection(connection);
        context.Database.UseTransaction(NpgsqlTransaction);
        _contexts[typeof(TContext)] = context;
        return context;
    }

    /// <summary>Called before an activity (or a caller's work, without a node) runs: marks the point to roll back to if it fails.</summary>
    public void BeginActivity(string? nodeId = null, string? activityType = null)
    {
        _savepoint = false;
        if (nodeId is not null)
        {
            CurrentNode = new StepActivity(nodeId, activityType ?? "");
            EntryNode ??= CurrentNode;
        }
    }

    /// <summary>Saves what the activity changed through module contexts and keeps it.</summary>
    public async Task CompleteActivityAsync(CancellationToken cancellationToken)
    {
        foreach (var context in _contexts.Values)
        {
            if (context.ChangeTracker.HasChanges())
            {
                await context.SaveChangesAsync(cancellationToken);
            }
        }

        if (_savepoint)
        {
            await NpgsqlTransaction.ReleaseAsync(Savepoint, cancellationToken);
            _savepoint = false;
        }
    }

    /// <summary>Undoes what the failed activity wrote, keeping the rest of the step.</summary>
    public Task FailActivityAsync(CancellationToken cancellationToken) => FailActivityAsync(null, cancellationToken);

    /// <summary>
    /// Undoes what the failed activity wrote, keeping the rest of the step. When the failure broke the
    /// connection (the savepoint cannot be rolled back), throws <see cref="StepBrokenException"/> carrying
    /// <paramref name="cause"/>: the whole step is lost and the executor turns it into an incident.
    /// </summary>
    public async Task FailActivityAsync(Exception? cause, CancellationToken cancellationToken)
    {
        foreach (var context in _contexts.Values)
        {
            context.ChangeTracker.Clear();
        }

        if (!_savepoint)
        {
            return;
        }

        _savepoint = false;
        try
        {
            await NpgsqlTransaction.RollbackAsync(Savepoint, cancellationToken);
        }
        catch (Exception e) when (cause is not null && e is not OperationCanceledException)
        {
            throw new StepBrokenException(cause, e);
        }
    }

    private void EnsureSavepoint()
    {
        if (!_savepoint)
        {
            NpgsqlTransaction.Save(Savepoint);
            _savepoint = true;
        }
    }
}

/// <summary>A node and its activity type, as the step saw it.</summary>
internal sealed record StepActivity(string NodeId, string ActivityType);

/// <summary>An activity failed in a way that also broke the step's connection or transaction.</summary>
public sealed class StepBrokenException : Exception
{
    /// <summary>Creates the exception from the activity's error and the error of undoing it.</summary>
    public StepBrokenException(Exception cause, Exception undoError)
        : base($"The activity failed and broke the step's transaction: {cause?.Message}", cause) =>
        UndoError = undoError;

    /// <summary>Creates the exception.</summary>
    public StepBrokenException() { }

    /// <summary>Creates the exception with its message.</summary>
    public StepBrokenException(string message) : base(message) { }

    /// <summary>Creates the exception with its message and cause.</summary>
    public StepBrokenException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Why the activity's writes could not be undone on their own.</summary>
    public Exception? UndoError { get; }
}
