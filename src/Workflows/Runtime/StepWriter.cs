using CloudpackPlus.Workflows.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>
/// The runtime's own writes of a step as raw statements added to one <see cref="NpgsqlBatch"/>: the instance
/// row and all the step's journal lines go to the server in one round trip, without EF Core change tracking.
/// </summary>
internal static class StepWriter
{
    private const string InsertInstance = """
        INSERT INTO wf.instances (id, definition_version_id, definition_id, version, status, correlation_id, input, variables, state,
            created_at, updated_at, finished_at, started_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $13)
        """;

    /// <summary>A start from <see cref="PublishedVersions"/>: the row goes in only if its version is still the published one.</summary>
    private const string InsertInstanceIfPublished = """
        INSERT INTO wf.instances (id, definition_version_id, definition_id, version, status, correlation_id, input, variables, state,
            created_at, updated_at, finished_at, started_by)
        SELECT $1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $13
        FROM wf.definitions d WHERE d.id = $2 AND d.is_published
        """;

    /// <summary>The journal's reference to its instance: a start whose conditional insert wrote nothing fails on it.</summary>
    public const string JournalInstanceForeignKey = "fk_journal_instances_instance_id";

    private const string UpdateInstance =
        "UPDATE wf.instances SET status = $2, variables = $3::jsonb, state = $4::jsonb, updated_at = $5, finished_at = $6 WHERE id = $1";

    private const string InsertJournal = """
        INSERT INTO wf.journal (instance_id, sequence, at, kind, node_id, activity_type, actor, data)
        SELECT $1, u.sequence, u.at, u.kind, u.node_id, u.activity_type, u.actor, u.data::jsonb
        FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
            AS u(sequence, at, kind, node_id, activity_type, actor, data)
        """;

    private const string TrimJournal = "DELETE FROM wf.journal WHERE instance_id = $1 AND sequence <= $2";

    /// <summary>
    /// Inserts a new instance (only if its version is still published, when <paramref name="ifPublished"/>) or updates the
    /// mutable columns of a locked one.
    /// </summary>
    public static void AddInstance(NpgsqlBatch batch, WorkflowInstance instance, bool isNew, bool ifPublished = false)
    {
        var command = batch.CreateBatchCommand();
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = instance.Id });
        if (isNew)
        {
            command.CommandText = ifPublished ? InsertInstanceIfPublished : InsertInstance;
            p.Add(new NpgsqlParameter<Guid> { TypedValue = instance.DefinitionVersionId });
            p.Add(new NpgsqlParameter<string> { TypedValue = instance.DefinitionId });
            p.Add(new NpgsqlParameter<int> { TypedValue = instance.Version });
            p.Add(new NpgsqlParameter<string> { TypedValue = instance.Status.ToString() });
            p.Add(Text(instance.CorrelationId));
            p.Add(new NpgsqlParameter<string> { TypedValue = instance.Input });
            p.Add(new NpgsqlParameter<string> { TypedValue = instance.Variables });
            p.Add(new NpgsqlParameter<string> { TypedValue = instance.State });
            p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instance.CreatedAt });
            p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instance.UpdatedAt });
            p.Add(Time(instance.FinishedAt));
            p.Add(Text(instance.StartedBy));
        }
        else
        {
            command.CommandText = UpdateInstance;
            p.Add(new NpgsqlParameter<string> { TypedValue = instance.Status.ToString() });
            p.Add(new NpgsqlParameter<string> { TypedValue = instance.Variables });
            p.Add(new NpgsqlParameter<string> { TypedValue = instance.State });
            p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instance.UpdatedAt });
            p.Add(Time(instance.FinishedAt));
        }

        batch.BatchCommands.Add(command);
    }

    /// <summary>All the step's journal lines in one statement; then drops the lines up to <paramref name="trimTo"/> (the bound).</summary>
    public static void AddJournal(NpgsqlBatch batch, Guid instanceId, List<JournalRecord> lines, long? trimTo)
    {
        if (lines.Count > 0)
        {
            var sequence = new long[lines.Count];
            var at = new DateTimeOffset[lines.Count];
            var kind = new string[lines.Count];
            var node = new string?[lines.Count];
            var type = new string?[lines.Count];
            var actor = new string?[lines.Count];
            var data = new string?[lines.Count];
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                (sequence[i], at[i], kind[i], node[i], type[i], actor[i], data[i]) =
                    (line.Sequence, line.At.ToUniversalTime(), line.Kind, line.NodeId, line.ActivityType, line.Actor, line.Data);
            }

            var command = batch.CreateBatchCommand();
            command.CommandText = InsertJournal;
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = instanceId });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sequence });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = at });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = kind });
            command.Parameters.Add(TextArray(node));
            command.Parameters.Add(TextArray(type));
            command.Parameters.Add(TextArray(actor));
            command.Parameters.Add(TextArray(data));
            batch.BatchCommands.Add(command);
        }

        if (trimTo is { } cutoff)
        {
            var trim = batch.CreateBatchCommand();
            trim.CommandText = TrimJournal;
            trim.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = instanceId });
            trim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cutoff });
            batch.BatchCommands.Add(trim);
        }
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v.ToUniversalTime() : DBNull.Value };

    private static NpgsqlParameter TextArray(string?[] values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values };
}
