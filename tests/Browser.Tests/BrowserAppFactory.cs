using System.Net;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Browser.Tests;

/// <summary>
/// The host on a real Kestrel server at 127.0.0.1 (a browser cannot reach the in-process test
/// server), with the demo data seeded and mail going to the test SMTP server.
/// </summary>
public class BrowserAppFactory : PortalAppFactory
{
    private readonly int _port = SmtpCapture.FreePort();

    public BrowserAppFactory() => UseKestrel(o => o.Listen(IPAddress.Loopback, _port));

    public string BaseUrl => $"http://127.0.0.1:{_port}";

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Database:SeedDemoOnStart"] = "true";
            settings["Mail:PortalUrl"] = BaseUrl;
            return settings;
        }
    }

    protected override void StartHost() => StartServer();
}
