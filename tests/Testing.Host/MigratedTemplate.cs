using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CloudpackPlus.Testing.Host;

/// <summary>
/// One database migrated by a real host start per build of the code, which every host fixture copies
/// (CREATE DATABASE … TEMPLATE) instead of migrating its own: a copy takes about a second where the
/// migrations take 10–20 s on a loaded machine. The name carries a hash of the build's assemblies, so a
/// change to a migration (or a package) makes a new template; the test processes of one run share one,
/// built under an advisory lock. Templates of other builds older than a day are dropped.
/// </summary>
internal static class MigratedTemplate
{
    private const string Prefix = "cp_tpl_";
    private const long LockKey = 0x43505450_4C415445; // "CPTPLATE"
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _ready;

    /// <summary>The name of the template database for this build, built first if no process has yet.</summary>
    public static async Task<string> EnsureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_ready is not null)
            {
                return _ready;
            }

            var name = Prefix + BuildKey();
            await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"SELECT pg_advisory_lock({LockKey})");
            try
            {
                if (!await ExistsAsync(admin, name))
                {
                    await BuildAsync(admin, name);
                }

                await DropStaleAsync(admin, name);
            }
            finally
            {
                await ExecuteAsync(admin, $"SELECT pg_advisory_unlock({LockKey})");
            }

            _ready = name;
            return name;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Boots a host on a new database (its start-up migrates), then strips what is one host's own and renames it into place.</summary>
    private static async Task BuildAsync(NpgsqlConnection admin, string name)
    {
        var building = name + "_building";
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
        var database = new TestDatabase { Name = building };
        await using (var host = new CloudpackAppFactory(database, useTemplate: false))
        {
            await ((Xunit.IAsyncLifetime)host).InitializeAsync();
            await host.DisposeAsync();
        }

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            // The key ring and Hangfire's jobs, servers and locks belong to the host that ran; each copy's host makes its own.
            await ExecuteAsync(connection, """
                DO $$
                DECLARE t record;
                BEGIN
                  FOR t IN SELECT schemaname, tablename FROM pg_tables
                           WHERE tablename = 'data_protection_keys' OR (schemaname = 'hangfire' AND tablename <> 'schema')
                  LOOP
                    EXECUTE format('TRUNCATE %I.%I RESTART IDENTITY CASCADE', t.schemaname, t.tablename);
                  END LOOP;
                END $$
                """);
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{building}' AND pid <> pg_backend_pid()");
        await ExecuteAsync(admin, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
        await ExecuteAsync(admin, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await ExecuteAsync(admin, $"COMMENT ON DATABASE \"{name}\" IS '{now}'");
    }

    /// <summary>Templates of other builds, on a server several checkouts share, once a day old (the comment holds when it was built).</summary>
    private static async Task DropStaleAsync(NpgsqlConnection admin, string current)
    {
        var cutoff = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
        var stale = new List<string>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT d.datname FROM pg_database d
            WHERE d.datname LIKE 'cp\_tpl\_%' AND d.datname <> $1
              AND coalesce(nullif(regexp_replace(coalesce(shobj_description(d.oid, 'pg_database'), ''), '\D', '', 'g'), '')::bigint, 0) < $2
            """, admin))
        {
            list.Parameters.AddWithValue(current);
            list.Parameters.AddWithValue(cutoff);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stale.Add(reader.GetString(0));
            }
        }

        foreach (var name in stale)
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection admin, string name)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", admin);
        command.Parameters.AddWithValue(name);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A hash of the module version ids of the platform's assemblies (deterministic builds: the same source gives the
    /// same ids) and of the full names, with versions, of the packages they reference (Npgsql, Hangfire.PostgreSql, EF).
    /// </summary>
    private static string BuildKey()
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(Program).Assembly]);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var assembly))
        {
            if (!visited.Add(assembly.GetName().Name!))
            {
                continue;
            }

            seen.Add($"{assembly.GetName().Name}:{assembly.ManifestModule.ModuleVersionId}");
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name!.StartsWith("CloudpackPlus.", StringComparison.Ordinal))
                {
                    pending.Push(Assembly.Load(reference));
                }
                else
                {
                    seen.Add(reference.FullName);
                }
            }
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', seen)));
        return Convert.ToHexStringLower(hash)[..16];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        // No command timeout: the lock waits while another test process (of this run, or of another checkout on a
        // shared server) builds a template, which takes minutes on a loaded machine; Npgsql's 30 s failed the fixture.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
