using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.WebScan;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Terms;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Demo;

/// <summary>
/// WEB-L in the demo: the partner engineer <c>partner@kdsec.example.jp</c> (with a login), the scan's terms of use and
/// service specification, and one application of the demo company assigned to that engineer, its dates agreed and
/// its pre-work checklist half ticked (the representative finishes it; then the partner's scan task opens).
/// </summary>
internal sealed class WebScanDemoSeeder(
    CoreDbContext core, UserManager<PortalUser> users, TermsService terms, ApplicationDesk desk, ITaskService tasks, ChecklistDesk checklist,
    Core.Tickets.TicketLedger ledger, IWorkflowCalendar calendar, TimeProvider clock) : IDemoSeeder
{
    public const string PartnerEmail = "partner@kdsec.example.jp";

    private static readonly Guid Application = DemoApplicationIds.WebScan;

    private static readonly string[] Targets = ["https://shop.demo.example.co.jp/", "https://shop.demo.example.co.jp/mypage/"];

    private static readonly string[] Actions = ["ログイン", "会員登録", "商品検索", "カート投入", "注文確定", "パスワード再設定"];

    private static readonly string[] Ticked = ["monitoring", "backup"];

    public int Order => 45; // after the training seeder imported the workflows

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var company = await core.Companies.Where(c => c.Code == "DEMO").Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        var rep = await core.People.Where(p => p.Email == "rep@demo.example.jp").Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        var csm = await core.People.Where(p => p.Email == "csm@cloudpack.example.jp" && p.Role == PersonRole.Csm).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (company is null || rep is null || csm is null)
        {
            return ["web scan application: skipped (demo company or people missing)"];
        }

        var lines = new List<string> { await PartnerLoginAsync(cancellationToken) };
        var use = await terms.LatestAsync("kdsec-scan-terms", cancellationToken) ?? await terms.PublishAsync("kdsec-scan-terms",
            "Web脆弱性診断Lite 利用規約", "Web vulnerability scan Lite: terms of use",
            "第1条(目的)本規約は、Web脆弱性診断Lite(Powered by KDSec)の利用条件を定めます。\n第2条(キャンセル)お申し込み後のキャンセルはできません。\n第3条(統計)診断結果は、脆弱性の種類・件数・業種・診断期間に限り、統計として協業先が保持します。",
            "Art. 1 These terms govern the web vulnerability scan Lite (powered by KDSec).\nArt. 2 An application cannot be cancelled.\nArt. 3 Only statistics (type, count, industry, period) are kept by the partner.", csm.Value, cancellationToken);
        var spec = await terms.LatestAsync("kdsec-scan-spec", cancellationToken) ?? await terms.PublishAsync("kdsec-scan-spec",
            "Web脆弱性診断Lite サービス仕様書", "Web vulnerability scan Lite: service specification",
            "診断対象は最大15アクションで、当社エンジニアが選定します。診断日は申込日から20営業日後以降で、日程は合意によるもので保証されません。事前準備(監視除外・バックアップ等)はお客様の作業です。",
            "At most 15 actions, chosen by our engineer. The scan is at least 20 business days after the application; the date is agreed, not guaranteed. Pre-work (monitoring exclusion, backups) is the customer's.", csm.Value, cancellationToken);

        var earliest = Tokyo.DateOf(calendar.AddBusinessDays(clock.GetUtcNow(), 20));
        var start = Enumerable.Range(0, 30).Select(earliest.AddDays).First(d => FormSchema.IsBusinessDay(calendar, d));
        var sheet = JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["targets"] = Targets,
            ["environment"] = "staging", ["period1From"] = Iso(start), ["period1To"] = Iso(start.AddDays(4)),
            ["actions"] = Actions,
            ["contactName"] = "山田 太郎", ["contactPhone"] = "03-1234-5678", ["contactEmail"] = "rep@demo.example.jp",
            ["notes"] = "検証環境のBasic認証情報は会話欄でお送りします。", ["termsOfUse"] = use.Version, ["specification"] = spec.Version,
        }).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        if (!await core.Applications.AnyAsync(a => a.Id == Application, cancellationToken)
            && await ledger.GetBalanceAsync(company.Value, cancellationToken) is var balance && balance < 10)
        {
            // The demo's trainings leave fewer tickets than the scan costs: an audited staff adjustment (TKT-4) tops them up.
            await ledger.AdjustAsync(company.Value, FiscalYear.Current(clock), 10 - balance, "デモ: Web脆弱性診断の申込用", csm.Value, cancellationToken);
        }

        var applied = await desk.ApplyAsync("WEB-L", Application, sheet, rep.Value, cancellationToken);
        if (applied.Created)
        {
            var staff = new TaskActor(csm.Value.ToString(), [TaskRoles.Csm]);
            await CompleteAsync("triage", staff, new { partnerEmail = PartnerEmail, note = "対象はすべて外部公開のURLです。" }, cancellationToken);
            await CompleteAsync("agree", staff, new { scanFrom = Iso(start), scanTo = Iso(start.AddDays(2)), note = "初日の10時から開始します。" }, cancellationToken);
            await CompleteAsync("confirm", new TaskActor(rep.Value.ToString(), [TaskRoles.CustomerRepresentative, TaskRoles.CustomerUser], company), new { decision = "accept" }, cancellationToken);
            foreach (var key in Ticked)
            {
                var item = await core.ChecklistItems.Where(i => i.ApplicationId == Application && i.Key == key).Select(i => i.Id).SingleAsync(cancellationToken);
                await checklist.TickAsync(Application, item, rep.Value, cancellationToken);
            }
        }

        var number = await core.Applications.Where(a => a.Id == Application).Select(a => a.Number).SingleAsync(cancellationToken);
        lines.Add($"{(applied.Created ? "created" : "found")} web scan application {number}: assigned to {PartnerEmail}, dates agreed, pre-work checklist 2 of 5 ticked (the representative finishes it, then the partner's scan task opens)");
        return lines;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task CompleteAsync(string node, TaskActor actor, object values, CancellationToken cancellationToken)
    {
        var instance = await core.Applications.Where(a => a.Id == Application).Select(a => a.WorkflowInstanceId).SingleAsync(cancellationToken);
        var task = (await tasks.ListForInstanceAsync(instance, cancellationToken)).Single(t => t.NodeId == node && t.Status == WorkflowTaskStatus.Open);
        var data = JsonSerializer.SerializeToElement(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var result = await tasks.CompleteAsync(task.Id, actor, data, cancellationToken);
        if (result.Outcome != TaskCommandOutcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo web scan step '{node}' refused: {string.Join("; ", result.Errors)}");
        }
    }

    private async Task<string> PartnerLoginAsync(CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(PartnerEmail) is not null)
        {
            return $"found login {PartnerEmail} (partner engineer, password {PortalDemoSeeder.DemoPassword})";
        }

        var person = await core.People.SingleOrDefaultAsync(p => p.Email == PartnerEmail, cancellationToken);
        if (person is null)
        {
            person = new Person { Email = PartnerEmail, DisplayName = "KDSec 鈴木 一郎", Role = PersonRole.Partner, CreatedAt = clock.GetUtcNow() };
            core.People.Add(person);
            await core.SaveChangesAsync(cancellationToken);
        }

        var result = await users.CreateAsync(new PortalUser
        {
            UserName = PartnerEmail, Email = PartnerEmail, EmailConfirmed = true, PersonId = person.Id, CompanyId = null,
            DisplayName = person.DisplayName, Role = PersonRole.Partner, CreatedAt = clock.GetUtcNow(),
        }, PortalDemoSeeder.DemoPassword);
        return result.Succeeded
            ? $"created login {PartnerEmail} (partner engineer: sees only its assigned scans; password {PortalDemoSeeder.DemoPassword}; TOTP at first sign-in)"
            : throw new InvalidOperationException($"Demo login {PartnerEmail}: {string.Join(", ", result.Errors.Select(e => e.Description))}");
    }
}
