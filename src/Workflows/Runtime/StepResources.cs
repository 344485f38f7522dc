using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>
/// The step's connection and transaction, shared with any module DbContext an activity asks for.
/// An activity that touches the database gets a savepoint, so its failure undoes only its own writes.
/// </summary>
internal sealed class StepResources(NpgsqlConnection connection, NpgsqlTransaction transaction, IServiceProvider services)
{
    private const string Savepoint = "wf_activity";
    private readonly Dictionary<Type, DbContext> _contexts = [];
    private bool _savepoint;

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
            return transaction;
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
        context.Database.UseTransaction(transaction);
        _contexts[typeof(TContext)] = context;
        return context;
    }

    /// <summary>Called before an activity runs: marks the point to roll back to if it fails.</summary>
    public void BeginActivity() => _savepoint = false;

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
            await transaction.ReleaseAsync(Savepoint, cancellationToken);
            _savepoint = false;
        }
    }

    /// <summary>Undoes what the failed activity wrote, keeping the rest of the step.</summary>
    public async Task FailActivityAsync(CancellationToken cancellationToken)
    {
        foreach (var context in _contexts.Values)
        {
            context.ChangeTracker.Clear();
        }

        if (_savepoint)
        {
            await transaction.RollbackAsync(Savepoint, cancellationToken);
            _savepoint = false;
        }
    }

    private void EnsureSavepoint()
    {
        if (!_savepoint)
        {
            transaction.Save(Savepoint);
            _savepoint = true;
        }
    }
}
