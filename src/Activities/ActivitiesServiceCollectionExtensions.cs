using CloudpackPlus.Activities.Calendar;
using CloudpackPlus.Activities.Reports;
using CloudpackPlus.Core;
using CloudpackPlus.Workflows;
using CloudpackPlus.Workflows.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudpackPlus.Activities;

/// <summary>Registers the activity library with the workflow runtime.</summary>
public static class ActivitiesServiceCollectionExtensions
{
    /// <summary>Adds the programme's activities and plugs Core's business calendar into the runtime.</summary>
    public static IServiceCollection AddCloudpackActivities(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IWorkflowCalendar, CoreWorkflowCalendar>());
        services.AddCloudpackModuleDbContext<AccountDiagnosis.Data.AccountDiagnosisDbContext>(AccountDiagnosis.Data.AccountDiagnosisDbContext.Schema, order: 40);
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Reports.IReportModelSource, AccountDiagnosis.AccountDiagnosisReportSource>());
        services.AddWorkflowActivitiesFrom(typeof(ActivitiesServiceCollectionExtensions).Assembly);
        services.TryAddScoped<Applications.ApplicationDesk>();
        services.TryAddScoped<Applications.ApplyForms>();
        services.TryAddScoped<WebScan.ChecklistDesk>();
        services.TryAddScoped<Basic.BasicCycleDesk>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Workflows.Runtime.IInstanceCancellationHandler, Basic.BasicCycleCancellationHandler>());
        services.TryAddScoped<WebScan.PartnerDesk>();
        services.TryAddScoped<Applications.TaskUploads>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Workflows.Tasks.IFormOptionSource, Applications.TrainingTopicOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Workflows.Tasks.IFormOptionSource, Applications.LinkedAccountOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Workflows.Runtime.IInstanceCancellationHandler, Applications.ApplicationCancellationHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Reports.IReportModelSource, CostLite.CostLiteReportModelSource>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Reports.IReportModelSource, SecurityLite.SecurityLiteReportModelSource>());
        services.AddCloudpackReports();
        return services;
    }
}
