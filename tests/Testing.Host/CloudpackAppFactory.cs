using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CloudpackPlus.Testing.Host;

/// <summary>
/// The whole Host in process, on its own fresh database (one per fixture instance, a copy of the
/// build's migrated template: <see cref="MigratedTemplate"/>), with a fake clock tests can move. Use as <c>IClassFixture&lt;CloudpackAppFactory&gt;</c>.
/// </summary>
public class CloudpackAppFactory : WebApplicationFactory<Program>, Xunit.IAsyncLifetime
{
    /// <summary>The PBKDF2 iteration count of the test hosts' password hasher (production keeps Identity's default).</summary>
    public const int TestPasswordIterations = 1_000;

    private readonly TestDatabase _database;
    private readonly bool _useTemplate;

    public CloudpackAppFactory()
        : this(new TestDatabase(), useTemplate: true)
    {
    }

    /// <summary>A host on <paramref name="database"/>; <paramref name="useTemplate"/> copies the build's migrated template into it first.</summary>
    internal CloudpackAppFactory(TestDatabase database, bool useTemplate)
    {
        _database = database;
        _useTemplate = useTemplate;
    }

    public TestDatabase Database => _database;

    /// <summary>Starts at a fixed instant: 2026-05-11 10:00 JST, a Monday.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 11, 1, 0, 0, TimeSpan.Zero));

    /// <summary>Extra configuration a derived fixture wants.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        _ = Server; // boot the host: migrations run in its start-up
    }

    /// <summary>
    /// Creates the fixture's database, a copy of the build's migrated template (the host's start-up then finds
    /// nothing to migrate). A derived fixture that boots its host differently calls this instead of migrating its own.
    /// </summary>
    protected async Task CreateDatabaseAsync()
    {
        if (_useTemplate)
        {
            _database.TemplateSource = await MigratedTemplate.EnsureAsync();
        }

        await _database.InitializeAsync();
    }

    async Task Xunit.IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:CloudpackPlus"] = _database.ConnectionString,
            ["Logging:Format"] = "text",
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("CLOUDPACK_TEST_LOGLEVEL") ?? "Warning",
            ["Jobs:WorkerCount"] = "4",
            ["Jobs:QueuePollInterval"] = "00:00:01",
            // Tests chain one-second timers; production looks every 5 s (docs/benchmarks.md "Idle database query rate").
            ["Jobs:SchedulePollingInterval"] = "00:00:01",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        // UseSetting, not ConfigureAppConfiguration: Program reads some settings before Build().
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Tests only: PBKDF2 at 1,000 iterations, not production's 100,000. The tests check what a password lets in
            // and the stored format (V3), not the work factor, and every test account and sign-in pays the hash.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations);
        });
    }
}
