using System.Data.Common;
using Npgsql;

namespace CloudpackPlus.Core.Data;

/// <summary>Builds the process's one pooled <see cref="NpgsqlDataSource"/> with the settings the runtime relies on.</summary>
public static class CloudpackDataSource
{
    /// <summary>Statements kept prepared per connection when the connection string does not say otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// The data source for <paramref name="connectionString"/>. Unless the connection string sets them, statements are
    /// prepared automatically after their second use on a connection (<c>Max Auto Prepare=64</c>,
    /// <c>Auto Prepare Min Usages=2</c>): a workflow step sends the same few statements over and over, and the
    /// server then skips parsing and planning them (+24 % step commits in docs/benchmarks.md). Set
    /// <c>Max Auto Prepare=0</c> to turn it off, e.g. behind a pooler in transaction mode.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
            if (!given.Contains("AUTOPREPAREMINUSAGES"))
            {
                builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
            }
        }

        return builder.Build();
    }
}
