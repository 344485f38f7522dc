using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>The database side of a step, handed to activities through their context.</summary>
internal interface IStepResources
{
    DbConnection Connection { get; }

    DbTransaction Transaction { get; }

    TContext GetDbContext<TContext>() where TContext : DbContext;

    /// <summary>Called before an activity runs: marks the point to roll back to if it fails.</summary>
    void BeginActivity();

    /// <summary>Saves what the activity changed through module contexts and keeps it.</summary>
    Task CompleteActivityAsync(CancellationToken cancellationToken);

    /// <summary>Undoes what the failed activity wrote, keeping the rest of the step.</summary>
    Task FailActivityAsync(CancellationToken cancellationToken);
}
