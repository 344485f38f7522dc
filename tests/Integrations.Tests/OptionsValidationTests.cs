using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Backlog;
using CloudpackPlus.Integrations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Integrations.Tests;

public sealed class OptionsValidationTests
{
    private const string AnyDatabase = "Host=127.0.0.1;Port=1;Username=x;Database=x";

    [Fact]
    public void NoConfiguration_IsValid_AndLeavesAwsUnconfigured()
    {
        using var services = IntegrationsServices.Build(AnyDatabase, new Dictionary<string, string?>(), TimeProvider.System);

        var aws = services.GetRequiredService<IOptions<AwsOptions>>().Value;
        var backlog = services.GetRequiredService<IOptions<BacklogOptions>>().Value;

        Assert.Equal(AwsMode.Unconfigured, aws.Mode);
        Assert.False(backlog.IsConfigured);
    }

    [Theory]
    [InlineData("Aws:ProviderPrincipalArn", "not-an-arn", "ProviderPrincipalArn")]
    [InlineData("Aws:Endpoints:s3:ServiceUrl", "https://s3.example", "not a known service")]
    [InlineData("Aws:DefaultRegion", "Tokyo", "DefaultRegion")]
    public void LiveMode_RejectsBadSettings_WithTheSettingNamed(string key, string value, string expected)
    {
        using var services = IntegrationsServices.Build(AnyDatabase,
            new Dictionary<string, string?> { ["Aws:Mode"] = "Live", [key] = value }, TimeProvider.System);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AwsOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backlog_SpaceUrlWithoutApiKey_IsRejected()
    {
        using var services = IntegrationsServices.Build(AnyDatabase,
            new Dictionary<string, string?> { ["Backlog:SpaceUrl"] = "https://example.backlog.jp" }, TimeProvider.System);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BacklogOptions>>().Value);

        Assert.Contains("Backlog:ApiKey", error.Message, StringComparison.Ordinal);
    }
}
