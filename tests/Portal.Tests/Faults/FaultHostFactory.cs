using System.Net;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CloudpackPlus.Portal.Tests.Faults;

/// <summary>
/// The whole host (in process) on a PostgreSQL cluster of its own (<see cref="ThrowawayCluster"/>) that the test may
/// stop and restart, on the real clock (timers fire by themselves), with a quick sweeper so lost jobs come back within
/// seconds. Users sign in with codes of the real clock (<see cref="SignInAsync"/>).
/// </summary>
public class FaultHostFactory : PortalAppFactory
{
    private readonly bool _ownsCluster = true;
    private readonly string _database = "cloudpackplus";

    public FaultHostFactory()
    {
        Cluster = new ThrowawayCluster();
    }

    /// <summary>A host on an existing database of a cluster the caller owns (e.g. one restored from a dump).</summary>
    private FaultHostFactory(ThrowawayCluster cluster, string database)
    {
        (Cluster, _ownsCluster, _database) = (cluster, false, database);
    }

    public ThrowawayCluster Cluster { get; }

    public string ConnectionString { get; private set; } = "";

    /// <summary>Starts a host on <paramref name="database"/> of <paramref name="cluster"/> (created when it does not exist); the caller disposes it.</summary>
    public static async Task<FaultHostFactory> StartOnAsync(ThrowawayCluster cluster, string database, bool create)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var host = new FaultHostFactory(cluster, database);
        host.ConnectionString = create ? await cluster.CreateDatabaseAsync(database) : cluster.ConnectionString(database);
        host.Smtp.Start();
        host.StartHost();
        return host;
    }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["ConnectionStrings:CloudpackPlus"] = ConnectionString;
            settings["Jobs:WorkerCount"] = "8";
            settings["Workflows:SweepInterval"] = "00:00:01";
            settings["Workflows:RedispatchAfter"] = "00:00:10";
            // The drills' users post as fast as the host answers for as long as the fault lasts (a faster machine posts
            // more); the rate limits are not what a drill tests (tests/Portal.Tests/Security does).
            settings["Portal:RateLimits:Mail:PerAddress"] = "100000";
            settings["Portal:RateLimits:Mail:PerAccount"] = "100000";
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        ConnectionString = await Cluster.CreateDatabaseAsync(_database);
        Smtp.Start();
        StartHost();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsCluster)
        {
            await Cluster.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton(TimeProvider.System));
    }

    /// <summary>Signs in with password and the TOTP code of the real clock's current step.</summary>
    public async Task SignInAsync(PortalClient client, TestAccount account)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(account);
        using var login = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var code = new Totp(Base32Encoding.ToBytes(account.TotpKey!)).ComputeTotp(DateTime.UtcNow);
        using var second = await client.PostFormAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/", second.Headers.Location!.OriginalString);
    }
}
