using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>The workflow services without a database: validator, registry and interpreter for in-memory runs.</summary>
internal static class InMemoryWorkflows
{
    private static readonly Lazy<ServiceProvider> Provider = new(() =>
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddCloudpackWorkflows();
        services.AddWorkflowActivitiesFrom(typeof(InMemoryWorkflows).Assembly);
        return services.BuildServiceProvider();
    });

    public static IServiceProvider Services => Provider.Value;

    public static DefinitionValidator Validator => Services.GetRequiredService<DefinitionValidator>();

    public static ActivityRegistry Registry => Services.GetRequiredService<ActivityRegistry>();

    public static FlowchartInterpreter Interpreter => Services.GetRequiredService<FlowchartInterpreter>();
}
