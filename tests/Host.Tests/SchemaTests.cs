using CloudpackPlus.Testing.Host;

namespace CloudpackPlus.Host.Tests;

public sealed class SchemaTests(CloudpackAppFactory app) : IClassFixture<CloudpackAppFactory>
{
    [Theory]
    [InlineData("core", "companies")]
    [InlineData("core", "people")]
    [InlineData("core", "__ef_migrations_history")]
    [InlineData("host", "data_protection_keys")]
    [InlineData("host", "__ef_migrations_history")]
    [InlineData("hangfire", "job")]
    [InlineData("hangfire", "jobqueue")]
    public async Task Migrations_CreateTheModuleTables_InTheirOwnSchemas(string schema, string table)
    {
        var exists = await app.Database.ScalarAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = '{schema}' AND table_name = '{table}')");

        Assert.True(exists, $"{schema}.{table} should exist after start-up");
    }

    [Theory]
    [InlineData("core", "ix_companies_code")]
    [InlineData("core", "ix_people_email")]
    public async Task Migrations_CreateUniqueIndexes(string schema, string index)
    {
        var unique = await app.Database.ScalarAsync<bool>(
            $"SELECT i.indisunique FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid " +
            $"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{schema}' AND c.relname = '{index}'");

        Assert.True(unique);
    }

    [Fact]
    public async Task Migrations_LeaveNothingPending_AndRecordEachModule()
    {
        var core = await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.__ef_migrations_history");
        var host = await app.Database.ScalarAsync<long>("SELECT count(*) FROM host.__ef_migrations_history");

        Assert.True(core >= 1);
        Assert.True(host >= 1);
    }
}
