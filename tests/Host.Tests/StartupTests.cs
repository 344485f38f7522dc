using CloudpackPlus.Host.Database;
using CloudpackPlus.Testing.Host;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Host.Tests;

public sealed class StartupTests(CloudpackAppFactory app) : IClassFixture<CloudpackAppFactory>
{
    [Fact]
    public async Task DemoSeed_CreatesCompanyAndPeople_AndIsIdempotent()
    {
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();

        var first = await migrator.SeedDemoAsync(CancellationToken.None);
        var second = await migrator.SeedDemoAsync(CancellationToken.None);

        Assert.Contains(first, l => l.StartsWith("created company DEMO", StringComparison.Ordinal));
        Assert.All(second, l => Assert.StartsWith("found ", l, StringComparison.Ordinal));
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.companies"));
        Assert.Equal(5, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.people")); // with the WEB-L demo partner
        Assert.Equal(3, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.people WHERE company_id IS NULL"));
        // A populated inbox and application page (TRAIN-1): one task waits on the CSM, one on the representative.
        Assert.Contains(first, l => l.StartsWith("created training applications A-2026-", StringComparison.Ordinal));
        Assert.Equal(5, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.applications")); // two TRAIN-1, one WEB-L, one COST-C, one SEC-C
        // COST-C waits for the CSM to book the scoping meeting; SEC-C (no reachable AWS here) waits for the representative's role set-up;
        // the basic-service cycle's investigation waits on the CSM (InquiryDemoSeeder: INQ-1, SCOPE-1, BAS-3).
        Assert.Contains(first, l => l.StartsWith("created COST-C application", StringComparison.Ordinal));
        Assert.Contains(first, l => l.StartsWith("created SEC-C application", StringComparison.Ordinal) && l.Contains("read-only role", StringComparison.Ordinal));
        Assert.Equal("agree,confirm,grant-access,investigation,scoping", await app.Database.ScalarAsync<string>(
            "SELECT string_agg(node_id, ',' ORDER BY node_id) FROM wf.tasks WHERE status = 'Open'"));
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.inquiries WHERE status = 'Open'"));
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.quote_requests WHERE inquiry_id IS NOT NULL"));
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.basic_service_proposals WHERE status = 'InProgress'"));
        // The applications spent the grant; the visitor gets the year's grant back once, by an audited adjustment (TKT-4).
        Assert.Contains(first, l => l.StartsWith("created demo balance of ", StringComparison.Ordinal));
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.ticket_ledger WHERE kind = 'Adjustment' AND reason LIKE 'デモ: 申込を試せる%'"));
        Assert.Equal(
            await app.Database.ScalarAsync<long>("SELECT sum(amount) FROM core.ticket_ledger WHERE kind = 'Grant'"),
            await app.Database.ScalarAsync<long>("SELECT sum(remaining) FROM core.ticket_balances"));
    }

    [Fact]
    public async Task DataProtectionKeys_AreKeptInPostgres_SoHostsShareThem()
    {
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        var secret = protector.Protect("hello");

        Assert.Equal("hello", protector.Unprotect(secret));
        Assert.True(await app.Database.ScalarAsync<long>("SELECT count(*) FROM host.data_protection_keys") >= 1);
    }

    [Fact]
    public async Task Migrate_IsSafeToRunAgain()
    {
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();

        await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(1, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM core.__ef_migrations_history WHERE migration_id LIKE '%_InitialCreate'"));
    }

    [Theory]
    [InlineData(new string[0], "serve")]
    [InlineData(new[] { "--urls", "http://127.0.0.1:1" }, "serve")]
    [InlineData(new[] { "migrate" }, "migrate")]
    [InlineData(new[] { "seed-demo", "--x=1" }, "seed-demo")]
    public void Verb_IsParsedFromTheFirstArgument(string[] args, string expected)
    {
        Assert.Equal(expected, HostVerb.Parse(args)?.Name);
    }

    [Fact]
    public void UnknownVerb_IsRefused()
    {
        Assert.Null(HostVerb.Parse(["frobnicate"]));
    }
}
