using System.Collections.Concurrent;
using System.Text.Json;
using CloudpackPlus.Activities.AccountDiagnosis.Data;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.Tests.Support;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Testing;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.AccountDiagnosis;

/// <summary>A company with a linked AWS account and its simulated twin.</summary>
public sealed record DiagnosisCustomer(EnrolledCompany Company, string AccountId, SimulatedAccount Aws);

/// <summary>The whole host on the simulated AWS (in process) with the RenderReport test double, and helpers to drive ACCT-D.</summary>
public sealed class AccountDiagnosisFixture : CloudpackAppFactory
{
    private int _companies;

    /// <summary>Every AWS request the simulated AWS served (tests check them against the botocore models).</summary>
    public ConcurrentQueue<SimulatedCall> Calls { get; } = new();

    public SimulatedAws Aws => Services.GetRequiredService<SimulatedAws>();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aws:Mode"] = "Simulated",
        // Throttling reaches the collector at once (it waits as AWS asks and shows it in the progress).
        ["Aws:Retry:MaxAttempts"] = "1",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Aws.CallObserved += call => Calls.Enqueue(call);
    }

    /// <summary>The HTML of the report the instance's RenderReport stored in <paramref name="culture"/>.</summary>
    public Task<string> ReportHtmlAsync(Guid instanceId, string culture) => StoredReports.HtmlAsync(Services, instanceId, culture);

    public async Task<DiagnosisCustomer> NewCustomerAsync(int findings = 300)
    {
        var n = Interlocked.Increment(ref _companies);
        var company = await ProgrammeSetup.EnrolledCompanyAsync(Services, Clock, $"d{n}");
        var accountId = $"{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}";
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AwsAccountService>().LinkAsync(company.CompanyId, accountId, true, "本番", company.CsmId);
        }

        return new DiagnosisCustomer(company, accountId, Aws.AddAccount(accountId, findings));
    }

    public static Dictionary<string, JsonElement> Form(string account, string standards = "fsbp-cis", bool acknowledged = true) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(new { account, standards, chargesAcknowledged = acknowledged }))!;

    public async Task<ApplyResult> ApplyAsync(DiagnosisCustomer customer, Dictionary<string, JsonElement>? form = null)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDesk>()
            .ApplyAsync("ACCT-D", Guid.CreateVersion7(), form ?? Form(customer.AccountId), customer.Company.RepresentativeId);
    }

    public async Task<ServiceApplication> ApplicationAsync(Guid id)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Applications.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public async Task<Guid> InstanceAsync(Guid applicationId) => (await ApplicationAsync(applicationId)).WorkflowInstanceId;

    /// <summary>Waits (background jobs run on Hangfire) for the open task at a node.</summary>
    public async Task<WorkflowTask> TaskAtAsync(Guid applicationId, string node, TimeSpan? timeout = null)
    {
        var instance = await InstanceAsync(applicationId);
        WorkflowTask? task = null;
        await Eventually.WaitAsync(async () =>
        {
            await using var scope = Services.CreateAsyncScope();
            task = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.InstanceId == instance
                && t.NodeId == node && (t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed));
            return task is not null;
        }, timeout ?? TimeSpan.FromSeconds(180)); // a wait, not a limit: generous for a loaded CI machine
        return task ?? throw new TimeoutException($"No open task at {node}.");
    }

    public async Task<TaskCommandResult> CompleteAsync(Guid taskId, TaskActor actor, object data)
    {
        await using var scope = Services.CreateAsyncScope();
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(data))!;
        return await scope.ServiceProvider.GetRequiredService<ITaskService>().CompleteAsync(taskId, actor, values);
    }

    /// <summary>Waits for the instance's open timer (the settle wait), moves the clock to its due time and runs it as Hangfire would.</summary>
    public async Task FireTimerAsync(Guid applicationId)
    {
        var instance = await InstanceAsync(applicationId);
        (Guid Id, DateTimeOffset? DueAt)? timer = null;
        await Eventually.WaitAsync(async () =>
        {
            await using var scope = Services.CreateAsyncScope();
            var found = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
                .Where(b => b.InstanceId == instance && b.Kind == BookmarkKind.Timer && b.ResumedAt == null && b.CancelledAt == null)
                .Select(b => new { b.Id, b.DueAt }).SingleOrDefaultAsync();
            timer = found is null ? null : (found.Id, found.DueAt);
            return found is not null;
        }, TimeSpan.FromSeconds(180));
        var (id, due) = timer ?? throw new TimeoutException("No open timer.");
        if (due > Clock.GetUtcNow())
        {
            Clock.Advance(due.Value - Clock.GetUtcNow());
        }

        await using var jobs = Services.CreateAsyncScope();
        await jobs.ServiceProvider.GetRequiredService<WorkflowJobs>().RunBookmarkAsync(id);
    }

    /// <summary>Whether the instance waits on a timer (the settle wait).</summary>
    public async Task<bool> HasOpenTimerAsync(Guid applicationId)
    {
        var instance = await InstanceAsync(applicationId);
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
            .AnyAsync(b => b.InstanceId == instance && b.Kind == BookmarkKind.Timer && b.ResumedAt == null && b.CancelledAt == null);
    }

    /// <summary>Moves the clock on and runs the instance's due job and retry bookmarks as Hangfire would.</summary>
    public async Task RunDueJobsAsync(Guid applicationId, TimeSpan advance)
    {
        var instance = await InstanceAsync(applicationId);
        Clock.Advance(advance);
        List<Guid> due;
        await using (var scope = Services.CreateAsyncScope())
        {
            var now = Clock.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
                .Where(b => b.InstanceId == instance && b.Kind != BookmarkKind.HumanTask && b.Kind != BookmarkKind.Timer
                    && b.ResumedAt == null && b.CancelledAt == null && b.DueAt <= now)
                .Select(b => b.Id).ToListAsync();
        }

        foreach (var bookmark in due)
        {
            await using var jobs = Services.CreateAsyncScope();
            await jobs.ServiceProvider.GetRequiredService<WorkflowJobs>().RunBookmarkAsync(bookmark);
        }
    }

    public async Task<int> ApplicationCountAsync(Guid companyId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Applications.CountAsync(a => a.CompanyId == companyId);
    }

    public async Task<DiagnosisRun?> RunAsync(Guid applicationId)
    {
        var instance = await InstanceAsync(applicationId);
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountDiagnosisDbContext>().Runs.AsNoTracking().SingleOrDefaultAsync(r => r.InstanceId == instance);
    }

    public async Task<List<DiagnosisControl>> ControlsAsync(Guid applicationId)
    {
        var instance = await InstanceAsync(applicationId);
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountDiagnosisDbContext>().Controls.AsNoTracking().Where(c => c.InstanceId == instance).ToListAsync();
    }

    public static TaskActor Representative(EnrolledCompany company) =>
        new(company.RepresentativeId.ToString(), [TaskRoles.CustomerRepresentative, TaskRoles.CustomerUser], company.CompanyId);

    public static TaskActor Csm(EnrolledCompany company) => new(company.CsmId.ToString(), [TaskRoles.Csm]);
}
