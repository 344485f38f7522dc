using CloudpackPlus.Core.Data;
using CloudpackPlus.Testing;
using Npgsql;

namespace CloudpackPlus.Core.Tests.Data;

/// <summary>The shared data source prepares repeated statements on the server unless the connection string says otherwise.</summary>
public sealed class DataSourceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task RepeatedStatement_IsPreparedOnTheServer_ByDefault()
    {
        await using var source = CloudpackDataSource.Create(database.ConnectionString);

        Assert.Equal(1, await PreparedCountAfterThreeRunsAsync(source, "SELECT 41 + 1"));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0")]
    [InlineData("MaxAutoPrepare=0")]
    public async Task ExplicitSetting_Wins(string setting)
    {
        await using var source = CloudpackDataSource.Create(database.ConnectionString + ";" + setting);

        Assert.Equal(0, await PreparedCountAfterThreeRunsAsync(source, "SELECT 42 + 1"));
    }

    private static async Task<long> PreparedCountAfterThreeRunsAsync(NpgsqlDataSource source, string sql)
    {
        await using var connection = await source.OpenConnectionAsync();
        for (var i = 0; i < 3; i++)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteScalarAsync();
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", connection);
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sql });
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
