using CloudpackPlus.Host.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Host.Tests;

public sealed class LoggingTests
{
    private static string FormatterFor(string environment, string? format = null)
    {
        var args = format is null ? [] : new[] { $"--Logging:Format={format}" };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, Args = args });
        builder.AddCloudpackObservability();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName!;
    }

    [Fact]
    public void Production_LogsJson()
    {
        Assert.Equal(ConsoleFormatterNames.Json, FormatterFor("Production"));
    }

    [Fact]
    public void Development_LogsReadableLines()
    {
        Assert.Equal(ConsoleFormatterNames.Simple, FormatterFor("Development"));
    }

    [Fact]
    public void Format_CanBeChosenExplicitly()
    {
        Assert.Equal(ConsoleFormatterNames.Simple, FormatterFor("Production", "text"));
    }
}
