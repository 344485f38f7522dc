using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Persistence;
using Npgsql;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>The step's own reads as raw Npgsql statements (no DbContext on the hot path).</summary>
internal static class StepReader
{
    private const string LockInstance = """
        SELECT definition_version_id, definition_id, version, status, correlation_id, input::text, variables::text, state::text,
            created_at, updated_at, finished_at, started_by, xmin
        FROM wf.instances WHERE id = $1 FOR UPDATE
        """;

    private const string SelectBookmark = """
        SELECT instance_id, node_id, kind, signal_name, due_at, payload::text, created_at, resumed_at, resumed_by, cancelled_at,
            dispatched_at, dispatch_count
        FROM wf.bookmarks WHERE id = $1
        """;

    public static async Task<WorkflowInstance?> LockInstanceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LockInstance, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new WorkflowInstance
        {
            Id = id, DefinitionVersionId = r.GetGuid(0), DefinitionId = r.GetString(1), Version = r.GetInt32(2),
            Status = Enum.Parse<InstanceStatus>(r.GetString(3)), CorrelationId = r.IsDBNull(4) ? null : r.GetString(4),
            Input = r.GetString(5), Variables = r.GetString(6), State = r.GetString(7),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(8), UpdatedAt = r.GetFieldValue<DateTimeOffset>(9),
            FinishedAt = r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), StartedBy = r.IsDBNull(11) ? null : r.GetString(11),
            RowVersion = r.GetFieldValue<uint>(12),
        };
    }

    public static async Task<Bookmark?> FindBookmarkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SelectBookmark, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Bookmark
        {
            Id = id, InstanceId = r.GetGuid(0), NodeId = r.GetString(1), Kind = Enum.Parse<BookmarkKind>(r.GetString(2)),
            SignalName = r.IsDBNull(3) ? null : r.GetString(3), DueAt = r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
            Payload = r.IsDBNull(5) ? null : r.GetString(5), CreatedAt = r.GetFieldValue<DateTimeOffset>(6),
            ResumedAt = r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), ResumedBy = r.IsDBNull(8) ? null : r.GetString(8),
            CancelledAt = r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
            DispatchedAt = r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), DispatchCount = r.GetInt32(11),
        };
    }

    /// <summary>A batch command with positional parameters.</summary>
    public static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
