using Npgsql;
using Xunit;

namespace CloudpackPlus.Testing;

/// <summary>
/// A fresh PostgreSQL database for one test class (use as <c>IClassFixture&lt;TestDatabase&gt;</c>),
/// created on the server that <c>scripts/test.sh</c> started and dropped afterwards.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    /// <summary>The environment variable with the admin connection string that test.sh sets.</summary>
    public const string AdminVariable = "CLOUDPACK_TEST_DB";

    public string Name { get; init; } = $"cp_test_{Guid.NewGuid():N}";

    /// <summary>A database to copy instead of starting empty (CREATE DATABASE … TEMPLATE); set before <see cref="InitializeAsync"/>.</summary>
    public string? TemplateSource { get; set; }

    public string ConnectionString { get; private set; } = "";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(AdminVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{AdminVariable} is not set. Run the tests with scripts/test.sh, which starts a local PostgreSQL, " +
                $"or set {AdminVariable} to an admin connection string of a PostgreSQL 15+ server.");

    public virtual async Task InitializeAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            var template = TemplateSource is null ? "" : $" TEMPLATE \"{TemplateSource}\"";
            // A copy of a template writes the whole database: on a loaded machine it may take longer than Npgsql's 30 s.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"{template}", connection) { CommandTimeout = 300 };
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = Name }.ConnectionString;
    }

    public virtual async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a scalar query against this database.</summary>
    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}
