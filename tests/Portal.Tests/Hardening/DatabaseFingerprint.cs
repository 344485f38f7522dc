using System.Text;
using Npgsql;

namespace CloudpackPlus.Portal.Tests.Hardening;

/// <summary>
/// A hash per table of every row of the application's tables (Hangfire's own excluded; columns that change on any
/// sign-in attempt or by themselves dropped), to prove that a refused request changed nothing.
/// </summary>
public sealed class DatabaseFingerprint(string connectionString)
{
    /// <summary>Columns a refused request may change by design (a failed sign-in counts toward lockout) or that carry no state.</summary>
    private static readonly string[] Volatile = ["access_failed_count", "lockout_end", "concurrency_stamp", "security_stamp", "last_seen_at"];

    private string? _query;

    public async Task<Dictionary<string, string>> TakeAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        _query ??= await BuildQueryAsync(connection);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(_query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            hashes[reader.GetString(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
        }

        return hashes;
    }

    /// <summary>The tables whose hash differs.</summary>
    public static IReadOnlyList<string> Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        [.. after.Where(a => !before.TryGetValue(a.Key, out var b) || b != a.Value).Select(a => a.Key)];

    private static async Task<string> BuildQueryAsync(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'hangfire')
              AND table_name NOT ILIKE '%data_protection%' AND table_name <> '__EFMigrationsHistory'
              -- written by background jobs after an earlier accepted post (notification mails), not by the request
              AND table_name NOT IN ('notifications', 'mail_outbox')
            ORDER BY 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var drop = string.Join(" - ", Volatile.Select(c => $"'{c}'"));
        var query = new StringBuilder();
        foreach (var table in tables)
        {
            if (query.Length > 0)
            {
                query.Append(" UNION ALL ");
            }

            query.Append(System.Globalization.CultureInfo.InvariantCulture, $"SELECT '{table}', md5(string_agg((to_jsonb(t) - {drop})::text, '|' ORDER BY (to_jsonb(t) - {drop})::text)) FROM {table} t");
        }

        return query.ToString();
    }
}
