using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Demo;

/// <summary>
/// ACCT-D, COST-L and SEC-L in the demo: one FINISHED application of each for the demo company on its maintained AWS
/// account, run through the real workflow on the simulated AWS (role test, enabling, collection, the reports rendered
/// to HTML and PDF) with every human step answered as the customer and the CSM would, so the application pages list
/// the stored reports. Waits (the settle day, the meeting times) are resumed at once: the demo shows their result.
/// Only with <c>Aws:Mode=Simulated</c> (the demo's setting); otherwise nothing is seeded.
/// </summary>
internal sealed class AwsServicesDemoSeeder(
    CoreDbContext core, WorkflowDbContext workflows, ApplicationDesk desk, ITaskService tasks, IWorkflowRuntime runtime, IServiceProvider services,
    Core.Tickets.TicketLedger ledger, IWorkflowCalendar calendar, IOptions<AwsOptions> aws, TimeProvider clock) : IDemoSeeder
{
    /// <summary>The longest the seeder waits for one application (the PDF printer is the slow part on a busy machine).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private static readonly (string Service, Guid Id)[] Applications =
    [
        ("ACCT-D", DemoApplicationIds.AccountDiagnosis),
        ("COST-L", DemoApplicationIds.CostDiagnosis),
        ("SEC-L", DemoApplicationIds.SecurityDiagnosis),
    ];

    public int Order => 50; // after the workflows are imported (training seeder) and the web scan demo

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        if (aws.Value.Mode != AwsMode.Simulated)
        {
            return [];
        }

        var company = await core.Companies.Where(c => c.Code == "DEMO").Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        var rep = await core.People.Where(p => p.Email == "rep@demo.example.jp").Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        var csm = await core.People.Where(p => p.Email == "csm@cloudpack.example.jp" && p.Role == PersonRole.Csm).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (company is null || rep is null || csm is null)
        {
            return ["AWS services applications: skipped (demo company or people missing)"];
        }

        var account = await core.AwsAccounts.Where(a => a.CompanyId == company && a.UnderMaintenanceContract).Select(a => a.AccountId).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return ["AWS services applications: skipped (the demo company has no linked AWS account)"];
        }

        var customer = new TaskActor(rep.Value.ToString(), [TaskRoles.CustomerRepresentative, TaskRoles.CustomerUser], company);
        var staff = new TaskActor(csm.Value.ToString(), [TaskRoles.Csm]);
        var lines = new List<string>();
        foreach (var (service, id) in Applications)
        {
            var existing = await core.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (existing is null)
            {
                // 5 tickets each: an audited staff adjustment (TKT-4) tops the demo company up when the earlier demos used them.
                var balance = await ledger.GetBalanceAsync(company.Value, cancellationToken);
                if (balance < 5)
                {
                    await ledger.AdjustAsync(company.Value, FiscalYear.Current(clock), 5 - balance, $"デモ: {service} の申込用", csm.Value, cancellationToken);
                }

                await desk.ApplyAsync(service, id, Form(service, account), rep.Value, null, cancellationToken);
                if (await DriveAsync(id, customer, staff, cancellationToken) is { } stopped)
                {
                    lines.Add($"{service} demo application: {stopped}");
                }
            }

            var application = await core.Applications.AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken);
            var reports = await core.Reports.CountAsync(r => r.ApplicationId == id, cancellationToken);
            lines.Add($"{(existing is null ? "created" : "found")} {service} application {application.Number}: {application.Status}, {reports} stored reports (ja, en)");
        }

        return lines;
    }

    private static Dictionary<string, JsonElement> Form(string service, string account) => Json(service switch
    {
        "ACCT-D" => new { account, standards = "fsbp-cis", chargesAcknowledged = true },
        _ => (object)new
        {
            account, wishedDates = "平日の午後", focus = service == "COST-L" ? "EC2 と RDS の費用" : "IAM とネットワーク",
            awsCharges = "accept",
        },
    });

    /// <summary>
    /// Runs the instance to its end: background steps and waits here and now, human steps answered. Null when it ended;
    /// otherwise why not: the workflow faulted (an incident waits on staff), or it did not end within <see cref="Patience"/>.
    /// A step's retry is waited for until it is due, never run early (running it early only reschedules it).
    /// </summary>
    private async Task<string?> DriveAsync(Guid applicationId, TaskActor customer, TaskActor staff, CancellationToken cancellationToken)
    {
        var instance = await core.Applications.Where(a => a.Id == applicationId).Select(a => a.WorkflowInstanceId).SingleAsync(cancellationToken);
        var watch = Stopwatch.StartNew(); // wall time: the host's clock may be a test's fake clock
        while (watch.Elapsed < Patience)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await core.Applications.AsNoTracking().AnyAsync(a => a.Id == applicationId
                && (a.Status == ApplicationStatus.Completed || a.Status == ApplicationStatus.Cancelled), cancellationToken))
            {
                return null;
            }

            if (await FaultOfAsync(instance, cancellationToken) is { } fault)
            {
                return fault;
            }

            var task = (await tasks.ListForInstanceAsync(instance, cancellationToken))
                .FirstOrDefault(t => t.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed);
            if (task is not null)
            {
                var (actor, values) = Answer(task.NodeId, customer, staff);
                var result = await tasks.CompleteAsync(task.Id, actor, Json(values), cancellationToken);
                if (result.Outcome != TaskCommandOutcome.Succeeded)
                {
                    throw new InvalidOperationException($"Demo step '{task.NodeId}' refused: {string.Join("; ", result.Errors)}");
                }

                continue;
            }

            var bookmark = await workflows.Bookmarks.AsNoTracking()
                .Where(b => b.InstanceId == instance && b.Kind != BookmarkKind.HumanTask && b.ResumedAt == null && b.CancelledAt == null)
                .Select(b => new { b.Id, b.Kind, b.DueAt }).FirstOrDefaultAsync(cancellationToken);
            var early = bookmark is { Kind: BookmarkKind.Job, DueAt: { } due } ? due - clock.GetUtcNow() : TimeSpan.Zero;
            if (bookmark is null || early > TimeSpan.Zero)
            {
                // A step is committing, a retry is not due yet, or an incident waits on staff.
                await Task.Delay(early > TimeSpan.Zero && early < TimeSpan.FromSeconds(1) ? early : TimeSpan.FromMilliseconds(200), cancellationToken);
                continue;
            }

            if (bookmark.Kind == BookmarkKind.Job)
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WorkflowJobs>().RunBookmarkAsync(bookmark.Id);
            }
            else
            {
                await runtime.ResumeBookmarkAsync(bookmark.Id, null, "timer", cancellationToken);
            }
        }

        return $"did not finish within {Patience.TotalMinutes:0} min (see the staff console's incidents)";
    }

    /// <summary>The open incident of a faulted instance, as a line for the seed's output; null while it runs.</summary>
    private async Task<string?> FaultOfAsync(Guid instance, CancellationToken cancellationToken)
    {
        if (!await workflows.Instances.AsNoTracking().AnyAsync(i => i.Id == instance && i.Status == InstanceStatus.Faulted, cancellationToken))
        {
            return null;
        }

        var incident = await workflows.Incidents.AsNoTracking().Where(i => i.InstanceId == instance && i.ResolvedAt == null)
            .OrderByDescending(i => i.CreatedAt).Select(i => new { i.NodeId, i.Error }).FirstOrDefaultAsync(cancellationToken);
        return $"the workflow faulted at '{incident?.NodeId}' ({incident?.Error}); it waits in the staff console's incidents";
    }

    /// <summary>What the customer or the CSM answers at each human step of the three workflows.</summary>
    private (TaskActor Actor, object Values) Answer(string node, TaskActor customer, TaskActor staff) => node switch
    {
        "create-role" => (customer, new { created = true }),
        "cleanup" => (customer, new { undo = "disable" }),
        "delete-role" => (customer, new { deleted = true }),
        "review" => (staff, new { summary = "ルートユーザーのMFA(IAM.6)とセキュリティグループ(EC2.19)の指摘を優先して対応してください。" }),
        "kickoff" or "meeting" => (staff, new { startsAt = Slot(2), meetingUrl = "https://meet.example.jp/cloudpack-demo", note = "当日はAWSアカウントの管理者の方もご同席ください。" }),
        "report-meeting" => (staff, new { heldAt = Slot(7), summary = "EBSボリュームの gp3 移行と、低使用率のEC2インスタンスのサイズ変更から着手することで合意しました。" }),
        _ => throw new InvalidOperationException($"The demo seeder has no answer for the task at '{node}'."),
    };

    /// <summary>14:00 JST, <paramref name="businessDays"/> business days from now (a one-hour slot within business hours).</summary>
    private string Slot(int businessDays)
    {
        var day = Tokyo.DateOf(calendar.AddBusinessDays(clock.GetUtcNow(), businessDays));
        var slot = new DateTimeOffset(day.ToDateTime(new TimeOnly(14, 0)), TimeSpan.FromHours(9));
        return slot.ToString("O", CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, JsonElement> Json(object values) =>
        JsonSerializer.SerializeToElement(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
}
