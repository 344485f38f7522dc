using Npgsql;

namespace CloudpackPlus.Workflows.Background;

/// <summary>
/// The lease of a background activity on its job bookmark, in short statements of their own (never
/// inside a step): claim, heartbeat and check, release. A lease is held by a random token; the step
/// that applies the result accepts it only under that token.
/// </summary>
internal sealed class LeaseStore(NpgsqlDataSource dataSource)
{
    // The bookmark is open, the instance can still run, and the lease is ours.
    private const string Alive = """
        b.id = @id AND b.lease_token = @token AND b.resumed_at IS NULL AND b.cancelled_at IS NULL
        AND i.id = b.instance_id AND i.status IN ('Running', 'Suspended')
        """;

    /// <summary>
    /// Claims the lease when the bookmark is an open job of an active instance, due, and not leased by a
    /// live worker; null otherwise. Returns what the activity needs to run: the instance's state as of now.
    /// </summary>
    public async Task<LeaseClaim?> ClaimAsync(Guid bookmarkId, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE wf.bookmarks b
            SET lease_owner = @owner, lease_token = @token, lease_started_at = @now, lease_expires_at = @expires,
                heartbeat_at = @now, lease_count = b.lease_count + 1, progress = NULL
            FROM wf.instances i
            WHERE b.id = @id AND i.id = b.instance_id AND b.kind = 'Job' AND b.resumed_at IS NULL AND b.cancelled_at IS NULL
              AND i.status IN ('Running', 'Suspended') AND (b.due_at IS NULL OR b.due_at <= @now)
              AND (b.lease_expires_at IS NULL OR b.lease_expires_at <= @now)
            RETURNING b.instance_id, b.node_id, b.payload::text, b.lease_count, i.definition_version_id, i.correlation_id,
                      i.input::text, i.variables::text, i.state::text
            """);
        var token = Guid.NewGuid();
        command.Parameters.AddWithValue("id", bookmarkId);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("token", token);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("expires", now + duration);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new LeaseClaim(bookmarkId, token, reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetInt32(3), reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8));
    }

    /// <summary>
    /// True while the lease is alive for us. With <paramref name="extendTo"/> it also extends the lease
    /// (heartbeat); with <paramref name="progress"/> it writes the progress.
    /// </summary>
    public async Task<bool> CheckAsync(LeaseClaim claim, DateTimeOffset now, DateTimeOffset? extendTo, string? progress, CancellationToken cancellationToken)
    {
        await using var command = extendTo is null && progress is null
            ? dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM wf.bookmarks b, wf.instances i WHERE {Alive})")
            : dataSource.CreateCommand($"""
                UPDATE wf.bookmarks b
                SET lease_expires_at = COALESCE(@expires, b.lease_expires_at), heartbeat_at = CASE WHEN @expires IS NULL THEN b.heartbeat_at ELSE @now END,
                    progress = COALESCE(@progress::jsonb, b.progress)
                FROM wf.instances i WHERE {Alive}
                RETURNING true
                """);
        command.Parameters.AddWithValue("id", claim.BookmarkId);
        command.Parameters.AddWithValue("token", claim.Token);
        if (extendTo is not null || progress is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("expires", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)extendTo ?? DBNull.Value });
            command.Parameters.AddWithValue("now", now);
            command.Parameters.Add(new NpgsqlParameter("progress", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)progress ?? DBNull.Value });
        }

        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Gives the lease up at once (host stopping), so another worker takes the activity over without waiting for expiry.</summary>
    public async Task ReleaseAsync(LeaseClaim claim, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE wf.bookmarks SET lease_expires_at = @now WHERE id = @id AND lease_token = @token AND resumed_at IS NULL");
        command.Parameters.AddWithValue("id", claim.BookmarkId);
        command.Parameters.AddWithValue("token", claim.Token);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}

/// <summary>A claimed lease and the instance as it was when it was claimed.</summary>
internal sealed record LeaseClaim(
    Guid BookmarkId, Guid Token, Guid InstanceId, string NodeId, string? Snapshot, int LeaseCount,
    Guid DefinitionVersionId, string? CorrelationId, string Input, string Variables, string State);
