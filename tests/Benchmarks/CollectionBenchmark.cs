using System.Diagnostics;
using CloudpackPlus.Activities.AccountDiagnosis;
using CloudpackPlus.Activities.AccountDiagnosis.Data;
using CloudpackPlus.Core;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Credentials;
using CloudpackPlus.Integrations.Aws.Protocol;
using CloudpackPlus.Integrations.Aws.SecurityHub;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CloudpackPlus.Benchmarks;

/// <summary>
/// ACCT-D's collection from the simulated AWS, the production path end to end except the workflow around it: an
/// assumed-role session, SigV4-signed GetFindings requests (100 findings each) answered by the simulated Security Hub
/// in process (signature verified, permission checked, ASFF JSON generated and parsed), each page folded into the
/// per-control counts and written with its checkpoint in one transaction (<c>DiagnosisStore.WritePageAsync</c>) to a
/// fresh database. Findings per second = findings ÷ (first request → last commit).
/// </summary>
public static class CollectionBenchmark
{
    private const string Role = "CloudpackPlusDiagnosis";
    private const string ExternalId = "bench-external-id-0123456789abcdef";

    public sealed record Result(int Findings, int Pages, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan DatabaseWrite);

    public static async Task<Result> RunAsync(string connectionString, int findings)
    {
        var database = $"bench_collect_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var create = new NpgsqlConnection(admin.ConnectionString))
        {
            await create.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", create);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            var services = new ServiceCollection().AddLogging();
            services.AddCloudpackDatabase(new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString);
            services.AddCloudpackModuleDbContext<AccountDiagnosisDbContext>(AccountDiagnosisDbContext.Schema, order: 40);
            await using var provider = services.BuildServiceProvider();
            await using (var scope = provider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<AccountDiagnosisDbContext>().Database.MigrateAsync();
            }

            return await CollectAsync(provider.GetRequiredService<NpgsqlDataSource>(), findings);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var drop = new NpgsqlConnection(admin.ConnectionString);
            await drop.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", drop);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<Result> CollectAsync(NpgsqlDataSource db, int findings)
    {
        var options = new AwsOptions
        {
            Mode = AwsMode.Simulated, ProviderPrincipalArn = "arn:aws:iam::111122223333:role/cloudpack-plus-portal",
            Retry = new AwsRetryOptions { MaxAttempts = 1 },
        };
        var aws = new SimulatedAws(TimeProvider.System).RegisterProvider(SimulatedAws.ProviderAccessKeyId, "simulated", options.ProviderPrincipalArn);
        var accountId = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var account = aws.AddAccount(accountId, findings).WithRole(Role, ExternalId, AwsRolePurpose.Diagnosis);
        account.SecurityHubEnabled = true;
        var credentials = await new SimulatedRoleAssumer(aws).AssumeRoleAsync(new AssumeRoleSpec(AwsArn.Role(accountId, Role), ExternalId, "bench", 3600), CancellationToken.None);
        var transport = new AwsTransport(new HttpClient(new SimulatedAwsHandler(aws)), options.Retry, TimeProvider.System, NullLogger<AwsTransport>.Instance);
        var connection = new AwsAccountConnection(Guid.NewGuid(), accountId, AwsRolePurpose.Diagnosis, Role, credentials, options, transport, isSimulated: true);
        var hub = connection.SecurityHub(SimulatedAccount.HomeRegion);

        var store = new DiagnosisStore(db);
        var instance = Guid.NewGuid();
        await store.EnsureRunAsync(instance, Guid.NewGuid(), Guid.NewGuid(), accountId, SimulatedAccount.HomeRegion, [DiagnosisStandards.FsbpId], CancellationToken.None);
        var calls = new DiagnosisCallLog();
        var resources = new Dictionary<string, int>(StringComparer.Ordinal);
        var filters = AwsSecurityFindingFilters.ActiveFor(accountId);
        string? token = null;
        var pages = 0;
        var collected = 0;
        var writing = TimeSpan.Zero;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        do
        {
            calls.Count("securityhub:GetFindings");
            var response = await hub.GetFindingsPageAsync(new GetFindingsRequest { Filters = filters, MaxResults = 100, NextToken = token });
            var page = new FindingAggregator(resources);
            foreach (var finding in response.Findings)
            {
                page.Add(finding);
            }

            token = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
            var write = Stopwatch.StartNew();
            var now = DateTimeOffset.UtcNow;
            if (!await store.WritePageAsync(instance, pages, page, token, token is null ? now : null, 0, calls, now, CancellationToken.None))
            {
                throw new InvalidOperationException("The checkpoint moved: nothing else writes this run.");
            }

            writing += write.Elapsed;
            pages++;
            collected += page.Findings;
        }
        while (token is not null);

        var elapsed = watch.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return collected == findings ? new Result(collected, pages, elapsed, used, writing)
            : throw new InvalidOperationException($"Collected {collected} of {findings} findings.");
    }
}
