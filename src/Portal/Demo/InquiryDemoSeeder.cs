using System.Text.Json;
using CloudpackPlus.Activities.Basic;
using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Demo;

/// <summary>
/// INQ-1, SCOPE-1, BAS-3 in the demo, through the real services: an open inquiry of the demo company answered once by
/// the CSM, a quote request made from it (no outcome yet), and a cloud-optimisation cycle whose hearing is recorded
/// (the investigation task waits in the CSM's inbox). Runs after the training seeder (which imports the definitions);
/// idempotent: it does nothing when the demo inquiry exists.
/// </summary>
internal sealed class InquiryDemoSeeder(
    CoreDbContext core, InquiryService inquiries, QuoteRequestService quotes, BasicCycleDesk cycles, ITaskService tasks, TimeProvider clock) : IDemoSeeder
{
    private const string Subject = "RIとSavings Plansの使い分けについて";

    public int Order => 60;

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var company = await core.Companies.Where(c => c.Code == "DEMO").Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        var rep = await core.People.Where(p => p.Email == "rep@demo.example.jp").Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        var csm = await core.People.Where(p => p.Email == "csm@cloudpack.example.jp" && p.Role == PersonRole.Csm).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (company is null || rep is null || csm is null)
        {
            return ["inquiries: skipped (demo company or people missing)"];
        }

        if (await core.Set<Inquiry>().AnyAsync(i => i.CompanyId == company && i.Subject == Subject, cancellationToken))
        {
            return ["found the demo inquiry, quote request and basic-service cycle"];
        }

        var inquiry = await inquiries.OpenAsync(rep.Value, new NewInquiry(InquiryCategory.ServiceConsultation, Subject,
            "本番環境のEC2とRDSについて、RIとSavings Plansのどちらを選ぶべきか相談させてください。", []), cancellationToken);
        await inquiries.PostAsync(inquiry.Id, csm.Value, true, "ご相談ありがとうございます。利用状況を拝見したうえで、次回の定例でご説明します。", [], cancellationToken);
        await quotes.RecordAsync(company.Value, null, "Savings Plans購入後のインスタンスファミリー変更作業", rep.Value,
            new QuoteOrigin("来月中", inquiry.Id), cancellationToken);
        var lines = new List<string> { $"created inquiry {inquiry.Number} (open, answered once) and a quote request from it" };
        try
        {
            var cycle = await cycles.StartAsync(company.Value, "コスト最適化(EC2の適正化)", csm.Value, cancellationToken);
            var instance = await core.BasicServiceProposals.Where(p => p.Id == cycle).Select(p => p.WorkflowInstanceId!.Value).SingleAsync(cancellationToken);
            var hearing = (await tasks.ListForInstanceAsync(instance, cancellationToken)).Single(t => t.NodeId == "hearing");
            var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(new
            {
                meetingAt = NextBusinessAfternoon(clock.GetUtcNow()), attendees = "代表 デモ様、CSM", notes = "EC2の利用率が低いインスタンスが多い。RDSは夜間停止を検討したい。",
            }))!;
            var result = await tasks.CompleteAsync(hearing.Id, new TaskActor(csm.Value.ToString(), [TaskRoles.Csm]), data, cancellationToken);
            lines.Add($"started basic-service cycle {cycle}: hearing {result.Outcome}, investigation waiting for the CSM");
        }
        catch (BasicServiceUnavailableException e)
        {
            lines.Add($"basic-service cycle: not started ({e.MessageEn})");
        }

        return lines;
    }

    // A weekday 14:00 JST a week ahead (the hearing form wants business hours; a holiday there only makes the seed report the refusal).
    private static string NextBusinessAfternoon(DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(9)).Date).AddDays(7);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return $"{day:yyyy-MM-dd}T14:00:00+09:00";
    }
}
