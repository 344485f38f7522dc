using System.Text;
using CloudpackPlus.Workflows.Persistence;
using Npgsql;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>What a failed step leaves to mark: the locked instance, the node the step began with, the node that failed, the bookmark it claimed.</summary>
internal sealed record StepFailureTarget(Guid InstanceId, StepActivity Entry, StepActivity Failing, Guid? ClaimedBookmark);

/// <summary>
/// Turns a step that failed unexpectedly into an incident. The step's transaction is already rolled back, so
/// the instance is as it was before the step; a fresh short transaction marks it Faulted, cancels the wait the
/// step had claimed (it is consumed: the retry re-runs the node instead) and records an incident on the step's
/// first node with the whole error chain. A retry from the incident re-runs that node.
/// </summary>
internal sealed class StepFailureRecorder(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const int MaxErrorChars = 4000;

    /// <summary>Rolls back what is left of a broken transaction; a broken connection has nothing left to roll back.</summary>
    public static async Task TryRollbackAsync(NpgsqlTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            // The connection is gone: the server has rolled the transaction back already.
        }
    }

    /// <summary>Marks the instance Faulted; null when the instance does not exist (a start that never committed).</summary>
    public async Task<Guid?> RecordAsync(StepFailureTarget target, Exception error)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        string status, stateJson;
        await using (var read = new NpgsqlCommand("SELECT status, state::text FROM wf.instances WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = target.InstanceId });
            await using var reader = await read.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                return null;
            }

            (status, stateJson) = (reader.GetString(0), reader.GetString(1));
        }

        if (status is not (nameof(InstanceStatus.Running) or nameof(InstanceStatus.Suspended)))
        {
            // Another step ended or faulted it in the meantime: nothing left to mark.
            return target.InstanceId;
        }

        var now = time.GetUtcNow();
        var flow = FlowState.Parse(stateJson);
        var message = Describe(target, error);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (target.ClaimedBookmark is { } claimed)
        {
            flow.Waits.Remove(claimed);
            Add(batch, "UPDATE wf.bookmarks SET cancelled_at = $2 WHERE id = $1 AND resumed_at IS NULL AND cancelled_at IS NULL", claimed, now);
            Add(batch, "UPDATE wf.tasks SET status = 'Cancelled' WHERE bookmark_id = $1 AND status IN ('Open', 'Claimed')", claimed);
        }

        var data = PlainValues.ToJson(new Dictionary<string, object?> { ["error"] = message, ["node"] = target.Failing.NodeId });
        Add(batch, """
            INSERT INTO wf.journal (instance_id, sequence, at, kind, node_id, activity_type, data)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
            """, target.InstanceId, ++flow.JournalSeq, now, JournalKinds.InstanceFaulted, target.Failing.NodeId, target.Failing.ActivityType, data);
        Add(batch, """
            INSERT INTO wf.incidents (id, instance_id, node_id, activity_type, error, attempts, created_at)
            VALUES ($1, $2, $3, $4, $5, 1, $6)
            """, Guid.CreateVersion7(), target.InstanceId, target.Entry.NodeId, target.Entry.ActivityType, message, now);
        Add(batch, "UPDATE wf.instances SET status = $2, state = $3::jsonb, updated_at = $4 WHERE id = $1",
            target.InstanceId, nameof(InstanceStatus.Faulted), flow.ToJson(), now);
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return target.InstanceId;
    }

    private static string Describe(StepFailureTarget target, Exception error)
    {
        var text = new StringBuilder();
        text.Append("The step failed at ").Append(target.Failing.NodeId).Append(" (").Append(target.Failing.ActivityType).Append(") and was rolled back: ");
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            text.Append(e == error ? "" : " ← ").Append(e.GetType().Name).Append(": ").Append(e.Message);
        }

        if (error is StepBrokenException { UndoError: { } undo })
        {
            text.Append(" (then: ").Append(undo.GetType().Name).Append(": ").Append(undo.Message).Append(')');
        }

        return text.Length > MaxErrorChars ? text.ToString(0, MaxErrorChars) : text.ToString();
    }

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value is DateTimeOffset t ? t.ToUniversalTime() : value });
        }

        batch.BatchCommands.Add(command);
    }
}
