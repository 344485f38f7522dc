using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Jobs;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Demo;

/// <summary>
/// COST-C and SEC-C in the demo: a COST-C application waiting for the CSM to book the scoping meeting, and a SEC-C
/// application run to the end (scoping booked, read access checked — the representative sets up the role when asked —,
/// investigation, report meeting, proposal PDF recommending build work, tickets spent). Without a reachable (simulated)
/// AWS the SEC-C application stays at the role set-up.
/// </summary>
internal sealed class ConsultingDemoSeeder(
    CoreDbContext core, ApplicationDesk desk, ITaskService tasks, TaskUploads uploads, Core.Tickets.TicketLedger ledger,
    IWorkflowCalendar calendar, IServiceProvider services, TimeProvider clock) : IDemoSeeder
{
    private static readonly Guid CostApplication = DemoApplicationIds.CostConsulting;
    private static readonly Guid SecApplication = DemoApplicationIds.SecurityConsulting;

    public int Order => 50; // after the web scan seeder

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var company = await core.Companies.Where(c => c.Code == "DEMO").Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        var rep = await core.People.Where(p => p.Email == "rep@demo.example.jp").Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        var csm = await core.People.Where(p => p.Email == "csm@cloudpack.example.jp" && p.Role == PersonRole.Csm).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (company is null || rep is null || csm is null)
        {
            return ["consulting applications: skipped (demo company or people missing)"];
        }

        var missing = (await core.Applications.AnyAsync(a => a.Id == CostApplication, cancellationToken) ? 0 : 10)
            + (await core.Applications.AnyAsync(a => a.Id == SecApplication, cancellationToken) ? 0 : 10);
        if (missing > 0 && await ledger.GetBalanceAsync(company.Value, cancellationToken) is var balance && balance < missing)
        {
            // An audited staff adjustment (TKT-4) so the demo company can apply for both.
            await ledger.AdjustAsync(company.Value, FiscalYear.Current(clock), missing - balance, "デモ: コンサルティングの申込用", csm.Value, cancellationToken);
        }

        var staff = new TaskActor(csm.Value.ToString(), [TaskRoles.Csm]);
        var customer = new TaskActor(rep.Value.ToString(), [TaskRoles.CustomerRepresentative, TaskRoles.CustomerUser], company);
        var cost = await desk.ApplyAsync("COST-C", CostApplication, Form("EC2 と RDS の費用が増えているので見直したい"), rep.Value, cancellationToken);
        var sec = await desk.ApplyAsync("SEC-C", SecApplication, Form("IAM と S3 の設定を棚卸ししたい"), rep.Value, cancellationToken);
        var state = "found";
        if (sec.Created)
        {
            state = await RunSecurityAsync(staff, customer, cancellationToken);
        }

        var numbers = await core.Applications.Where(a => a.Id == CostApplication || a.Id == SecApplication).ToDictionaryAsync(a => a.Id, a => a.Number, cancellationToken);
        return
        [
            $"{(cost.Created ? "created" : "found")} COST-C application {numbers[CostApplication]}: waiting for the CSM to book the scoping meeting",
            $"{(sec.Created ? "created" : "found")} SEC-C application {numbers[SecApplication]}: {state}",
        ];
    }

    private async Task<string> RunSecurityAsync(TaskActor staff, TaskActor customer, CancellationToken cancellationToken)
    {
        await CompleteAsync("scoping", staff, Meeting(2), cancellationToken);
        var roleAsked = false;
        for (var i = 0; i < 120; i++)
        {
            await RunDueJobsAsync(cancellationToken);
            if (await OpenTaskAsync("investigate", cancellationToken) is not null)
            {
                break;
            }

            if (await OpenTaskAsync("grant-access", cancellationToken) is not null)
            {
                if (roleAsked)
                {
                    return "waiting for the representative to set up the read-only role (AWS not reachable)";
                }

                await CompleteAsync("grant-access", customer, new { created = true }, cancellationToken);
                roleAsked = true;
                continue;
            }

            await Task.Delay(250, cancellationToken);
        }

        if (await OpenTaskAsync("investigate", cancellationToken) is null)
        {
            return "waiting for the read access check";
        }

        await CompleteAsync("investigate", staff, new { findings = "IAMユーザーのアクセスキーが90日以上更新されていない。S3 バケット2つでパブリックアクセスブロックが無効。" }, cancellationToken);
        await CompleteAsync("report-meeting", staff, Meeting(3), cancellationToken);
        var task = await OpenTaskAsync("proposal", cancellationToken) ?? throw new InvalidOperationException("Demo SEC-C: no proposal task.");
        var data = Data(new { language = "ja-JP", recommendsBuild = true, summary = "IAM Identity Center への移行と S3 の設定是正を提案" });
        var result = await uploads.CompleteAsync(task, staff, data, [new ApplyUpload("proposalPdf", "SEC-C-proposal.pdf", CloudpackPlus.Core.Demo.DemoPdf.WithText("SEC-C proposal (demo): IAM Identity Center and S3 Block Public Access"))], cancellationToken);
        if (result.Outcome != TaskCommandOutcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo SEC-C proposal refused: {string.Join("; ", result.Errors)}");
        }

        return "finished: proposal PDF published as its report, build work recommended (quote link shown), 10 tickets spent";
    }

    private static Dictionary<string, JsonElement> Form(string theme) => Data(new { theme, wishedDates = "平日の午後", awsCharges = "accept" });

    private static Dictionary<string, JsonElement> Data(object values) =>
        JsonSerializer.SerializeToElement(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    /// <summary>14:00 JST on the <paramref name="days"/>th business day from today, 1 h.</summary>
    private object Meeting(int days)
    {
        var day = Tokyo.DateOf(calendar.AddBusinessDays(clock.GetUtcNow(), days));
        while (!FormSchema.IsBusinessDay(calendar, day))
        {
            day = day.AddDays(1);
        }

        var startsAt = Tokyo.At(day, new TimeOnly(14, 0));
        return new { startsAt = startsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), durationMinutes = 60, meetingUrl = "https://meet.example.jp/demo-sec-c", note = "デモの会議です" };
    }

    private async Task<WorkflowTask?> OpenTaskAsync(string node, CancellationToken cancellationToken)
    {
        var instance = await core.Applications.Where(a => a.Id == SecApplication).Select(a => a.WorkflowInstanceId).SingleAsync(cancellationToken);
        return (await tasks.ListForInstanceAsync(instance, cancellationToken)).FirstOrDefault(t => t.NodeId == node && t.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed);
    }

    private async Task CompleteAsync(string node, TaskActor actor, object values, CancellationToken cancellationToken)
    {
        var task = await OpenTaskAsync(node, cancellationToken) ?? throw new InvalidOperationException($"Demo SEC-C: no open task '{node}'.");
        var result = await tasks.CompleteAsync(task.Id, actor, Data(values), cancellationToken);
        if (result.Outcome != TaskCommandOutcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo SEC-C step '{node}' refused: {string.Join("; ", result.Errors)}");
        }
    }

    /// <summary>Runs the SEC-C instance's due background jobs (the read access check) here, as Hangfire would.</summary>
    private async Task RunDueJobsAsync(CancellationToken cancellationToken)
    {
        var instance = await core.Applications.Where(a => a.Id == SecApplication).Select(a => a.WorkflowInstanceId).SingleAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var now = clock.GetUtcNow();
        var due = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instance && b.Kind == BookmarkKind.Job && b.ResumedAt == null && b.CancelledAt == null && (b.DueAt == null || b.DueAt <= now))
            .Select(b => b.Id).ToListAsync(cancellationToken);
        foreach (var bookmark in due)
        {
            await using var job = services.CreateAsyncScope();
            await job.ServiceProvider.GetRequiredService<WorkflowJobs>().RunBookmarkAsync(bookmark);
        }
    }
}
