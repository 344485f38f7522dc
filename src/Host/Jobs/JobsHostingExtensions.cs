using CloudpackPlus.Host.Database;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Host.Jobs;

/// <summary>Hangfire on Hangfire.PostgreSql, in the application's database (own schema).</summary>
public static class JobsHostingExtensions
{
    public const string DashboardPath = "/admin/jobs";

    public static WebApplicationBuilder AddCloudpackJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(DatabaseHostingExtensions.ConnectionStringName)!;
        builder.Services.AddOptions<JobsOptions>().BindConfiguration("Jobs")
            .Validate(o => o.WorkerCount is > 0 and <= 200, "Jobs:WorkerCount must be between 1 and 200.")
            .Validate(o => o.QueuePollInterval >= TimeSpan.FromSeconds(1), "Jobs:QueuePollInterval must be at least 1 second (long polling picks jobs up at once).")
            .Validate(o => o.SchedulePollingInterval >= TimeSpan.FromMilliseconds(100), "Jobs:SchedulePollingInterval must be at least 100 ms.")
            .ValidateOnStart();

        // The storage is registered per host (not only as Hangfire's static JobStorage.Current),
        // so the server, the clients and the dashboard of this host all use this database.
        builder.Services.AddSingleton<JobStorage>(sp =>
        {
            var options = StorageOptions(sp.GetRequiredService<IOptions<JobsOptions>>().Value);
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options), options);
        });
        // Per host too: Hangfire's default activator is a process-wide static, which would let
        // one host's server build jobs from another host's services.
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, configuration) => configuration
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .UseActivator(sp.GetRequiredService<JobActivator>())
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));

        var jobs = builder.Configuration.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();
        if (jobs.RunServer)
        {
            builder.Services.AddHangfireServer((sp, server) =>
            {
                var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        return builder;
    }

    public static WebApplication MapCloudpackJobsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new DashboardAccessFilter()],
            DashboardTitle = "cloudpack+ jobs",
            AppPath = "/",
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    private static PostgreSqlStorageOptions StorageOptions(JobsOptions options) => new()
    {
        SchemaName = options.Schema,
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = options.QueuePollInterval,
        EnableLongPolling = true,
        UseSlidingInvisibilityTimeout = true,
        // Hangfire.PostgreSql's default is 10 minutes: after a host is SIGKILLed the survivors ran no recurring job
        // (no notification mail) for that long (tests/Portal.Tests/Faults/TwoHostProcessTests).
        DistributedLockTimeout = options.DistributedLockTimeout,
    };
}
