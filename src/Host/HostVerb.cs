using CloudpackPlus.Host.Database;

namespace CloudpackPlus.Host;

/// <summary>The host's command-line verbs: <c>serve</c> (default), <c>migrate</c>, <c>seed-demo</c>.</summary>
internal sealed record HostVerb(string Name, string[] RemainingArgs)
{
    public const string Serve = "serve";
    public const string Migrate = "migrate";
    public const string SeedDemo = "seed-demo";

    public const string Usage =
        "usage: CloudpackPlus.Host [serve|migrate|seed-demo] [--key=value ...]\n" +
        "  serve      run the portal, staff console and job server (default)\n" +
        "  migrate    apply database migrations (all modules and Hangfire), then exit\n" +
        "  seed-demo  migrate, insert the demo company and staff if missing, print them, then exit";

    public static HostVerb? Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return new HostVerb(Serve, args);
        }

        return args[0] switch
        {
            Serve or Migrate or SeedDemo => new HostVerb(args[0], args[1..]),
            _ => null,
        };
    }

    public async Task<int> RunAsync(WebApplication app)
    {
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        await migrator.MigrateAsync(CancellationToken.None);
        Console.WriteLine("migrations applied");
        if (Name == SeedDemo)
        {
            foreach (var line in await migrator.SeedDemoAsync(CancellationToken.None))
            {
                Console.WriteLine(line);
            }
        }

        return 0;
    }
}
