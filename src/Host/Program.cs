using CloudpackPlus.Activities;
using CloudpackPlus.Core;
using CloudpackPlus.Host;
using CloudpackPlus.Host.Database;
using CloudpackPlus.Host.Health;
using CloudpackPlus.Host.Jobs;
using CloudpackPlus.Host.Observability;
using CloudpackPlus.Integrations;
using CloudpackPlus.Portal;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Workflows;
using CloudpackPlus.Workflows.Api;

var verb = HostVerb.Parse(args);
if (verb is null)
{
    await Console.Error.WriteLineAsync(HostVerb.Usage);
    return 2;
}

var builder = WebApplication.CreateBuilder(verb.RemainingArgs);
builder.AddCloudpackObservability();
builder.AddCloudpackDatabase();
builder.AddCloudpackJobs();
builder.AddCloudpackProgrammeJobs();
builder.AddCloudpackHealth();
builder.Services
    .AddCloudpackCore()
    .AddCloudpackWorkflows()
    .AddCloudpackIntegrations()
    .AddCloudpackActivities()
    .AddCloudpackPortal();

var app = builder.Build();

if (verb.Name != HostVerb.Serve)
{
    return await verb.RunAsync(app);
}

app.UseCloudpackPortal();
app.MapCloudpackHealth();
app.MapCloudpackJobsDashboard();
app.MapCloudpackPortal();
app.MapWorkflowsApi(definitionsPolicy: PortalRoles.AdminPolicy).RequireAuthorization(PortalRoles.StaffPolicy);
await app.RunAsync();
return 0;
