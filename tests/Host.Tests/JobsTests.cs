using CloudpackPlus.Testing;
using CloudpackPlus.Testing.Host;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Host.Tests;

/// <summary>A job resolved by the host's job activator; it records its run in the database.</summary>
public sealed class ProbeJob(NpgsqlDataSource dataSource)
{
    public async Task RecordAsync(Guid id)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO public.job_probe (id) VALUES (@id) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class JobsTests(CloudpackAppFactory app) : IClassFixture<CloudpackAppFactory>
{
    [Fact]
    public async Task EnqueuedJob_IsExecutedByTheHostsServer()
    {
        await app.Database.ScalarAsync<int>("CREATE TABLE IF NOT EXISTS public.job_probe (id uuid PRIMARY KEY)");
        var id = Guid.NewGuid();
        var client = app.Services.GetRequiredService<IBackgroundJobClient>();

        var jobId = client.Enqueue<ProbeJob>(j => j.RecordAsync(id));

        Assert.False(string.IsNullOrEmpty(jobId));
        Assert.True(await Eventually.WaitAsync(async () =>
            await app.Database.ScalarAsync<long>($"SELECT count(*) FROM public.job_probe WHERE id = '{id}'") == 1));
        Assert.True(await Eventually.WaitAsync(async () =>
            await app.Database.ScalarAsync<string>($"SELECT statename FROM hangfire.job WHERE id = {jobId}") == "Succeeded"));
    }

    [Fact]
    public async Task ScheduledJob_RunsAfterItsDelay()
    {
        await app.Database.ScalarAsync<int>("CREATE TABLE IF NOT EXISTS public.job_probe (id uuid PRIMARY KEY)");
        var id = Guid.NewGuid();
        var client = app.Services.GetRequiredService<IBackgroundJobClient>();

        client.Schedule<ProbeJob>(j => j.RecordAsync(id), TimeSpan.FromSeconds(1));

        Assert.True(await Eventually.WaitAsync(async () =>
            await app.Database.ScalarAsync<long>($"SELECT count(*) FROM public.job_probe WHERE id = '{id}'") == 1));
    }

    // Admins signed in with MFA get the dashboard: see the portal's authorization table test.
    [Fact]
    public async Task Dashboard_IsRefused_WithoutAnAdminSignIn()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/admin/jobs", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("cloudpack+ jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
