using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace CloudpackPlus.Core;

/// <summary>Registers the database plumbing shared by every module, and the Core module itself.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>One pooled data source for the whole process, from the given connection string.</summary>
    public static IServiceCollection AddCloudpackDatabase(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Registers a module's DbContext on the shared data source, in its own schema.</summary>
    public static IServiceCollection AddCloudpackModuleDbContext<TContext>(
        this IServiceCollection services, string schema, int order)
        where TContext : DbContext
    {
        services.AddDbContext<TContext>((sp, options) =>
            options.UseModuleNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), schema));
        services.AddSingleton(new DatabaseModule(typeof(TContext), schema, order));
        return services;
    }

    /// <summary>The Core module: domain data and its demo seed.</summary>
    public static IServiceCollection AddCloudpackCore(this IServiceCollection services)
    {
        services.AddCloudpackModuleDbContext<CoreDbContext>(CoreDbContext.Schema, order: 0);
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeeder, CoreDemoSeeder>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
