using CloudpackPlus.Testing.Host;

namespace CloudpackPlus.Portal.Tests;

public sealed class HomePageTests(CloudpackAppFactory app) : IClassFixture<CloudpackAppFactory>
{
    [Fact]
    public async Task Home_IsServedInJapanese()
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
        Assert.Contains("cloudpack+ ポータル", html, StringComparison.Ordinal);
    }
}
