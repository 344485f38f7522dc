using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudpackPlus.Core.Data;

/// <summary>The one place where a module's DbContext gets its provider settings.</summary>
public static class ModuleDbContextOptions
{
    /// <summary>The migration history table name, created in each module's schema.</summary>
    public const string HistoryTable = "__ef_migrations_history";

    public static DbContextOptionsBuilder UseModuleNpgsql(
        this DbContextOptionsBuilder builder, NpgsqlDataSource dataSource, string schema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable(HistoryTable, schema))
            .UseSnakeCaseNamingConvention();
    }

    public static DbContextOptionsBuilder UseModuleNpgsql(
        this DbContextOptionsBuilder builder, string connectionString, string schema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(HistoryTable, schema))
            .UseSnakeCaseNamingConvention();
    }

    /// <summary>
    /// Connection string for <c>dotnet ef</c> at design time: migrations are generated
    /// from the model alone, so any syntactically valid string works when none is set.
    /// </summary>
    public static string DesignTimeConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__CloudpackPlus")
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=cloudpackplus";
}
