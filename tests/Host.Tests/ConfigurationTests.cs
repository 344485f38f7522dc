using CloudpackPlus.Testing.Host;
using Microsoft.AspNetCore.Hosting;

namespace CloudpackPlus.Host.Tests;

public sealed class ConfigurationTests
{
    private sealed class NoDatabaseFactory : CloudpackAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:CloudpackPlus", "");
        }
    }

    [Fact]
    public void MissingConnectionString_StopsStartWithAnActionableMessage()
    {
        using var factory = new NoDatabaseFactory();

        var error = Assert.Throws<InvalidOperationException>(() => factory.Server);

        Assert.Contains("ConnectionStrings__CloudpackPlus", error.Message, StringComparison.Ordinal);
    }
}
