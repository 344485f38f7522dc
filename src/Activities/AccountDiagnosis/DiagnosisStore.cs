using System.Text.Json;
using CloudpackPlus.Activities.AccountDiagnosis.Data;
using Npgsql;
using NpgsqlTypes;

namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>The run's checkpoint as last committed.</summary>
internal sealed record DiagnosisRunState(string? NextToken, int FindingsCollected, int Pages, int Throttled, DateTimeOffset? CollectedAt,
    DiagnosisChanges Changes, string Calls);

/// <summary>
/// Reads and writes <c>acctd.runs</c>, <c>controls</c> and <c>failing_resources</c> in short transactions of their own
/// (a background activity holds no step transaction). Each page is written with the checkpoint that follows it, so a
/// retry or a takeover continues after the last committed page and counts every finding once.
/// </summary>
internal sealed class DiagnosisStore(NpgsqlDataSource db)
{
    public async Task<DiagnosisRunState> EnsureRunAsync(
        Guid instanceId, Guid applicationId, Guid companyId, string accountId, string region, IReadOnlyList<string> standards, CancellationToken ct)
    {
        await using (var insert = db.CreateCommand("""
            INSERT INTO acctd.runs (instance_id, application_id, company_id, account_id, region, standards, changes, calls, findings_collected, pages, throttled)
            VALUES (@i, @a, @c, @acct, @r, @s, '{}', '{}', 0, 0, 0) ON CONFLICT (instance_id) DO NOTHING
            """))
        {
            insert.Parameters.AddWithValue("i", instanceId);
            insert.Parameters.AddWithValue("a", applicationId);
            insert.Parameters.AddWithValue("c", companyId);
            insert.Parameters.AddWithValue("acct", accountId);
            insert.Parameters.AddWithValue("r", region);
            insert.Parameters.AddWithValue("s", standards.ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }

        return (await FindAsync(instanceId, ct))!;
    }

    public async Task<DiagnosisRunState?> FindAsync(Guid instanceId, CancellationToken ct)
    {
        await using var select = db.CreateCommand(
            "SELECT next_token, findings_collected, pages, throttled, collected_at, changes::text, calls::text FROM acctd.runs WHERE instance_id = @i");
        select.Parameters.AddWithValue("i", instanceId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new DiagnosisRunState(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            JsonSerializer.Deserialize<DiagnosisChanges>(reader.GetString(5)) ?? new DiagnosisChanges(), reader.GetString(6));
    }

    public async Task<Dictionary<string, int>> ResourceCountsAsync(Guid instanceId, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var select = db.CreateCommand(
            "SELECT control_id, count(*)::int FROM acctd.failing_resources WHERE instance_id = @i GROUP BY control_id");
        select.Parameters.AddWithValue("i", instanceId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    /// <summary>Records what the diagnosis changed (right after each change, so an undo knows it).</summary>
    public async Task SaveChangesAsync(Guid instanceId, DiagnosisChanges changes, DiagnosisCallLog calls, DateTimeOffset? undoneAt = null)
    {
        await using var update = db.CreateCommand(
            "UPDATE acctd.runs SET changes = @ch::jsonb, calls = @calls::jsonb, undone_at = coalesce(@u, undone_at) WHERE instance_id = @i");
        update.Parameters.AddWithValue("i", instanceId);
        update.Parameters.AddWithValue("ch", JsonSerializer.Serialize(changes));
        update.Parameters.AddWithValue("calls", calls.ToJson());
        update.Parameters.Add(new NpgsqlParameter("u", NpgsqlDbType.TimestampTz) { Value = (object?)undoneAt ?? DBNull.Value });
        // Recorded even when the activity is being cancelled: the change already happened in the customer's account.
        await update.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>
    /// Adds one page to the counts and moves the checkpoint, in one transaction; false (nothing written) when the
    /// checkpoint is no longer at <paramref name="expectedPages"/> (another worker moved it).
    /// </summary>
    public async Task<bool> WritePageAsync(Guid instanceId, int expectedPages, FindingAggregator page, string? nextToken,
        DateTimeOffset? collectedAt, int throttled, DiagnosisCallLog calls, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var move = new NpgsqlCommand("""
            UPDATE acctd.runs SET next_token = @t, findings_collected = findings_collected + @n, pages = pages + 1, throttled = @th,
              collected_at = @done, calls = @calls::jsonb, collection_started_at = coalesce(collection_started_at, @now)
            WHERE instance_id = @i AND pages = @p
            """, connection, tx))
        {
            move.Parameters.AddWithValue("i", instanceId);
            move.Parameters.AddWithValue("p", expectedPages);
            move.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Text) { Value = (object?)nextToken ?? DBNull.Value });
            move.Parameters.AddWithValue("n", page.Findings);
            move.Parameters.AddWithValue("th", throttled);
            move.Parameters.Add(new NpgsqlParameter("done", NpgsqlDbType.TimestampTz) { Value = (object?)collectedAt ?? DBNull.Value });
            move.Parameters.AddWithValue("calls", calls.ToJson());
            move.Parameters.AddWithValue("now", now);
            if (await move.ExecuteNonQueryAsync(ct) != 1)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }

        var batch = new NpgsqlBatch(connection, tx);
        var controls = page.Controls.Values.ToList();
        if (controls.Count > 0)
        {
            var upsert = new NpgsqlBatchCommand("""
                INSERT INTO acctd.controls (instance_id, control_id, service, severity, title, remediation_url, standards, failed, passed, other)
                SELECT @i, c, s, sev, t, u, string_to_array(st, '|'), f, p, o
                FROM unnest(@c, @s, @sev, @t, @u, @st, @f, @p, @o) AS x(c, s, sev, t, u, st, f, p, o)
                ON CONFLICT (instance_id, control_id) DO UPDATE SET
                  failed = controls.failed + excluded.failed, passed = controls.passed + excluded.passed, other = controls.other + excluded.other,
                  standards = ARRAY(SELECT DISTINCT x FROM unnest(controls.standards || excluded.standards) AS s(x) ORDER BY 1),
                  remediation_url = coalesce(controls.remediation_url, excluded.remediation_url)
                """);
            upsert.Parameters.AddWithValue("i", instanceId);
            upsert.Parameters.AddWithValue("c", controls.Select(c => c.ControlId).ToArray());
            upsert.Parameters.AddWithValue("s", controls.Select(c => c.Service).ToArray());
            upsert.Parameters.AddWithValue("sev", controls.Select(c => c.Severity).ToArray());
            upsert.Parameters.AddWithValue("t", controls.Select(c => c.Title).ToArray());
            upsert.Parameters.Add(new NpgsqlParameter("u", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = controls.Select(c => c.RemediationUrl).ToArray() });
            upsert.Parameters.AddWithValue("st", controls.Select(c => string.Join('|', c.Standards)).ToArray());
            upsert.Parameters.AddWithValue("f", controls.Select(c => c.Failed).ToArray());
            upsert.Parameters.AddWithValue("p", controls.Select(c => c.Passed).ToArray());
            upsert.Parameters.AddWithValue("o", controls.Select(c => c.Other).ToArray());
            batch.BatchCommands.Add(upsert);
        }

        if (page.Resources.Count > 0)
        {
            var resources = new NpgsqlBatchCommand("""
                INSERT INTO acctd.failing_resources (instance_id, control_id, resource_id, resource_type)
                SELECT @i, c, r, t FROM unnest(@c, @r, @t) AS x(c, r, t) ON CONFLICT DO NOTHING
                """);
            resources.Parameters.AddWithValue("i", instanceId);
            resources.Parameters.AddWithValue("c", page.Resources.Select(r => r.ControlId).ToArray());
            resources.Parameters.AddWithValue("r", page.Resources.Select(r => r.ResourceId).ToArray());
            resources.Parameters.AddWithValue("t", page.Resources.Select(r => r.ResourceType).ToArray());
            batch.BatchCommands.Add(resources);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(ct);
        }

        await batch.DisposeAsync();
        await tx.CommitAsync(ct);
        return true;
    }
}
