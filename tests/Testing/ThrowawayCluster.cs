using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace CloudpackPlus.Testing;

/// <summary>
/// A PostgreSQL cluster of its own for one test class (use as <c>IClassFixture&lt;ThrowawayCluster&gt;</c>): initdb into
/// a temporary folder, a free port, started on construction and removed afterwards, so a test may stop, kill or
/// restart its server without disturbing the shared one. As root it runs as the <c>postgres</c> user (PostgreSQL
/// refuses root), the way <c>scripts/lib/pg.sh</c> does. Needs Debian's <c>postgresql</c> package (15 or newer).
/// </summary>
public class ThrowawayCluster : IAsyncLifetime
{
    private static readonly bool IsRoot = Environment.UserName == "root";

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"cp-pg-{Guid.NewGuid():N}");

    public int Port { get; } = FreePort();

    /// <summary>The server binaries (initdb, pg_ctl, pg_dump, pg_restore, …) of the newest installed PostgreSQL.</summary>
    public string BinDirectory { get; } = FindBinDirectory();

    private string DataDirectory => Path.Combine(Directory, "data");

    private string LogFile => Path.Combine(Directory, "postgres.log");

    /// <summary>The admin connection string (database <c>postgres</c>).</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>A connection string to <paramref name="database"/> on this cluster.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ConnectionString;

    public virtual async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", Directory);
        }

        await RunAsPostgresAsync(Path.Combine(BinDirectory, "initdb"), "-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        var settings = $"listen_addresses = '127.0.0.1'\nport = {Port}\nunix_socket_directories = '{Directory}'\nmax_connections = 200\n" +
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n";
        await RunAsPostgresAsync("sh", "-c", $"printf '%s' \"$0\" >> '{Path.Combine(DataDirectory, "postgresql.conf")}'", settings);
        await StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await PgCtlAsync("-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        foreach (var mount in _mounts)
        {
            try
            {
                await RunAsync("umount", "--lazy", mount);
            }
            catch (InvalidOperationException)
            {
                // Already unmounted; the folder is removed below either way.
            }
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private readonly List<string> _mounts = [];

    /// <summary>
    /// Mounts a tmpfs of <paramref name="megabytes"/> MB at <c>Directory/name</c>, owned by the cluster's user, for a
    /// disk that fills up (a tablespace, a host's temporary folder); unmounted on dispose. Answers the folder, or null
    /// and the reason when mounting is refused (not root, no CAP_SYS_ADMIN in a container).
    /// </summary>
    public async Task<(string? Path, string? Refused)> TryMountSmallDiskAsync(string name, int megabytes)
    {
        var path = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(path);
        if (!IsRoot)
        {
            return (null, $"mounting a {megabytes} MB tmpfs needs root (running as {Environment.UserName})");
        }

        try
        {
            await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", path);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return (null, $"mount -t tmpfs was refused: {e.Message.Trim()}");
        }

        _mounts.Add(path);
        await RunAsync("chown", "postgres:postgres", path);
        return (path, null);
    }

    /// <summary>Creates tablespace <paramref name="tablespace"/> in <paramref name="location"/> and an empty database in it; answers its connection string.</summary>
    public async Task<string> CreateDatabaseInTablespaceAsync(string name, string tablespace, string location)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE TABLESPACE \"{tablespace}\" LOCATION '{location.Replace("'", "''", StringComparison.Ordinal)}'", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var database = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TABLESPACE \"{tablespace}\"", connection))
        {
            await database.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartAsync() => PgCtlAsync("-l", LogFile, "-w", "-t", "60", "start");

    /// <summary>Stops the server the way an administrator's restart does (fast: open sessions are terminated).</summary>
    public Task StopAsync() => PgCtlAsync("-m", "fast", "-w", "stop");

    /// <summary>Stops and starts the server.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Runs one of the cluster's binaries (pg_dump, pg_restore, …) as the cluster's owner; throws with its output when it fails.</summary>
    public Task<string> RunToolAsync(string tool, params string[] arguments) => RunAsPostgresAsync(Path.Combine(BinDirectory, tool), arguments);

    private Task<string> PgCtlAsync(params string[] arguments) =>
        RunToolAsync("pg_ctl", ["-D", DataDirectory, .. arguments]);

    private static Task<string> RunAsPostgresAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        // A started server may hold the inherited pipes: wait for their end only briefly once the program exited.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(TimeSpan.FromSeconds(2)));
        var output = (stdout.IsCompleted ? await stdout : "") + (stderr.IsCompleted ? await stderr : "");
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output}");
        }

        return output;
    }

    private static int FreePort() => LoopbackPort.Free();

    private static string FindBinDirectory()
    {
        var root = "/usr/lib/postgresql";
        var bin = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql (install Debian's postgresql).");
    }
}
