using System.Reflection;
using CloudpackPlus.Core;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Expressions;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CloudpackPlus.Workflows;

/// <summary>Registers the workflow runtime.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>Adds the workflow runtime's services (definitions, instances, bookmarks, tasks, jobs, sweeper, file import).</summary>
    public static IServiceCollection AddCloudpackWorkflows(this IServiceCollection services)
    {
        services.AddCloudpackModuleDbContext<WorkflowDbContext>(WorkflowDbContext.Schema, order: 10);
        services.AddOptions<WorkflowOptions>().BindConfiguration("Workflows")
            .Validate(o => o.MaxJournalEntriesPerInstance >= 10, "Workflows:MaxJournalEntriesPerInstance must be at least 10.")
            .Validate(o => o.LeaseCheckInterval > TimeSpan.Zero && o.LeaseCheckInterval <= o.HeartbeatInterval && o.HeartbeatInterval < o.LeaseDuration,
                "Workflows: LeaseCheckInterval must be positive and at most HeartbeatInterval, which must be shorter than LeaseDuration.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkflowCalendar, WeekdayCalendar>();
        services.TryAddSingleton<Api.ITaskActorResolver, Api.NoTaskActorResolver>();
        services.AddWorkflowActivitiesFrom(typeof(WorkflowsServiceCollectionExtensions).Assembly);
        services.TryAddSingleton<ActivityRegistry>();
        services.TryAddSingleton<ExpressionEvaluator>();
        services.TryAddSingleton<DefinitionValidator>();
        services.TryAddSingleton<FlowchartInterpreter>();
        services.TryAddSingleton<PlanCache>();
        services.TryAddSingleton<PublishedVersions>();
        services.TryAddSingleton<StepExecutor>();
        services.TryAddSingleton<JobDispatcher>();
        services.TryAddSingleton<Background.LeaseStore>();
        services.TryAddSingleton<Background.BackgroundActivityRunner>();
        services.TryAddScoped<Background.IRunningActivities, Background.RunningActivities>();
        services.TryAddScoped<ISignalActions, SignalActions>();
        services.TryAddScoped<WorkflowRuntime>();
        services.TryAddScoped<IWorkflowRuntime>(sp => sp.GetRequiredService<WorkflowRuntime>());
        services.TryAddScoped<ITaskService, TaskService>();
        services.TryAddScoped<IDefinitionService, DefinitionService>();
        services.TryAddScoped<IDesignerDrafts, DesignerDrafts>();
        services.TryAddTransient<WorkflowJobs>();
        services.TryAddSingleton<DefinitionFileImporter>();
        services.TryAddSingleton<WorkflowSweeper>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DefinitionImportService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SweeperHost>(sp => new SweeperHost(sp)));
        return services;
    }

    /// <summary>Makes the activities of an assembly available to workflows (the designer lists them).</summary>
    public static IServiceCollection AddWorkflowActivitiesFrom(this IServiceCollection services, Assembly assembly)
    {
        if (!services.Any(d => d.ServiceType == typeof(WorkflowActivityAssembly) && (d.ImplementationInstance as WorkflowActivityAssembly)?.Assembly == assembly))
        {
            services.AddSingleton(new WorkflowActivityAssembly(assembly));
        }

        return services;
    }

    /// <summary>Starts the singleton sweeper when this host runs it (Workflows:RunSweeper).</summary>
    private sealed class SweeperHost(IServiceProvider services) : IHostedService
    {
        private WorkflowSweeper? _sweeper;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkflowOptions>>().Value.RunSweeper)
            {
                return Task.CompletedTask;
            }

            _sweeper = services.GetRequiredService<WorkflowSweeper>();
            return _sweeper.StartAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => _sweeper?.StopAsync(cancellationToken) ?? Task.CompletedTask;
    }
}
