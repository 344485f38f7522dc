using System.Net;
using System.Text.Json;
using CloudpackPlus.Testing.Host;

namespace CloudpackPlus.Host.Tests;

public sealed class HealthTests(CloudpackAppFactory app) : IClassFixture<CloudpackAppFactory>
{
    [Fact]
    public async Task Ready_IsHealthy_WhenDatabaseIsMigratedAndJobStorageAnswers()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("jobs").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Live_AnswersWithoutTouchingTheDatabase()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_IsUnhealthy_WhenAModuleHasPendingMigrations()
    {
        // Roll the host schema's history back by one: the check must notice.
        var last = await app.Database.ScalarAsync<string>(
            "SELECT migration_id FROM host.__ef_migrations_history ORDER BY migration_id DESC LIMIT 1");
        await app.Database.ScalarAsync<int>($"DELETE FROM host.__ef_migrations_history WHERE migration_id = '{last}'");
        try
        {
            using var client = app.CreateClient();
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("pending migrations in: host", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await app.Database.ScalarAsync<int>(
                $"INSERT INTO host.__ef_migrations_history (migration_id, product_version) VALUES ('{last}', '10.0.15')");
        }
    }
}
