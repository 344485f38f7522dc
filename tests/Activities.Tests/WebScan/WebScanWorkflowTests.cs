using System.Text;
using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.Tests.Applications;
using CloudpackPlus.Activities.WebScan;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.WebScan;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.WebScan;

/// <summary>WEB-L end to end through the services the pages use: triage, schedule, checklist, partner scan, review, delivery.</summary>
public sealed class WebScanWorkflowTests(TrainingApplicationFixture fx) : IClassFixture<TrainingApplicationFixture>
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj\n"u8.ToArray();

    [Fact]
    [Trait("Spec", "WEB-L")]
    [Trait("Spec", "WEB-5")]
    [Trait("Spec", "WEB-6")]
    [Trait("Spec", "WEB-7")]
    [Trait("Spec", "TKT-5")]
    public async Task Application_RunsThroughEveryStep_ToTheDeliveredReport_AndSpendsItsTickets()
    {
        var company = await fx.NewCompanyAsync();
        await fx.CoreAsync(async db => await db.Companies.Where(c => c.Id == company.CompanyId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Industry, "小売業")));
        var versions = await WebScanSetup.TermsAsync(fx, company.CsmId);
        var partner = await WebScanSetup.PartnerAsync(fx, "e2e");
        var before = await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId);
        var id = (await WebScanSetup.ApplyAsync(fx, company, WebScanSetup.Sheet(versions))).ApplicationId;
        var csm = TrainingApplicationFixture.Csm(company);

        // Triage: an e-mail that is no partner engineer sends the CSM back to triage.
        var triage = (await fx.OpenTaskAsync(id, "triage"))!;
        await fx.CompleteAsync(triage.Id, csm, new { partnerEmail = "nobody@kdsec.example.jp" });
        triage = (await fx.OpenTaskAsync(id, "triage"))!;
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(triage.Id, csm, new { partnerEmail = partner.Email })).Outcome);

        // Schedule: not before 20 business days after the application date, on a business day (WEB-5).
        var agree = (await fx.OpenTaskAsync(id, "agree"))!;
        var early = await fx.CompleteAsync(agree.Id, csm, new { scanFrom = "2026-06-05", scanTo = "2026-06-10" });
        Assert.Equal(FormErrorCodes.BusinessDaysAhead, Assert.Single(early.FormErrors).Code);
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(agree.Id, csm, new { scanFrom = WebScanSetup.Earliest, scanTo = "2026-06-10" })).Outcome);
        var confirm = (await fx.OpenTaskAsync(id, "confirm"))!;
        await fx.CompleteAsync(confirm.Id, TrainingApplicationFixture.Representative(company), new { decision = "accept" });
        Assert.Equal(ApplicationStatus.Scheduled, (await fx.ApplicationAsync(id)).Status);

        // Checklist (WEB-6): the scan waits until every item is ticked; each tick records who and when.
        var keys = new[] { "monitoring", "backup", "hosting", "allow-list", "test-accounts" };
        foreach (var key in keys[..4])
        {
            Assert.Equal(ChecklistOutcome.Done, await WebScanSetup.TickAsync(fx, id, key, company.MemberId));
        }

        Assert.Null(await fx.OpenTaskAsync(id, "scan"));
        Assert.Equal(ChecklistOutcome.NotWaiting, await WebScanSetup.TickAsync(fx, id, "backup", company.RepresentativeId));
        Assert.Equal(ChecklistOutcome.Done, await WebScanSetup.TickAsync(fx, id, keys[4], company.RepresentativeId));
        var items = await fx.CoreAsync(db => db.ChecklistItems.IgnoreQueryFilters().Where(i => i.ApplicationId == id).OrderBy(i => i.Position).ToListAsync());
        Assert.All(items, i => Assert.NotNull(i.TickedAt));
        Assert.All(items, i => Assert.NotNull(i.ClosedAt));
        Assert.Equal([.. Enumerable.Repeat(company.MemberId, 4), company.RepresentativeId], items.Select(i => i.TickedBy!.Value));
        Assert.StartsWith("メンバー ", items[0].TickedByName, StringComparison.Ordinal);
        Assert.StartsWith("代表 ", items[4].TickedByName, StringComparison.Ordinal);

        // The partner's scan: its own task, the report uploaded as a file.
        Assert.Equal(ApplicationStatus.InProgress, (await fx.ApplicationAsync(id)).Status);
        var scan = (await fx.OpenTaskAsync(id, "scan"))!;
        Assert.Equal(partner.Id.ToString(), scan.Assignee);
        var withoutReport = await CompleteScanAsync(partner.Id, id, scan.Id, withReport: false);
        Assert.Contains(withoutReport.FormErrors, e => e.Field == "report" && e.Code == FormErrorCodes.Required);
        Assert.Equal(TaskCommandOutcome.Succeeded, (await CompleteScanAsync(partner.Id, id, scan.Id, withReport: true)).Outcome);

        // CSM review: sent back once, then delivered.
        var review = (await fx.OpenTaskAsync(id, "review"))!;
        await fx.CompleteAsync(review.Id, csm, new { decision = "rework", comment = "件数を再確認してください" });
        scan = (await fx.OpenTaskAsync(id, "scan"))!;
        Assert.Equal(TaskCommandOutcome.Succeeded, (await CompleteScanAsync(partner.Id, id, scan.Id, withReport: true)).Outcome);
        review = (await fx.OpenTaskAsync(id, "review"))!;
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(review.Id, csm, new { decision = "deliver" })).Outcome);

        var done = await fx.ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Completed, done.Status);
        Assert.Equal(before - 10, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
        Assert.Equal(2, await fx.CoreAsync(db => db.ApplicationFiles.IgnoreQueryFilters().CountAsync(f => f.ApplicationId == id && f.Field == "report")));

        // WEB-7: the year's statistics hold this scan's lines (replaced on rework), and nothing of the company.
        var csv = Encoding.UTF8.GetString(await WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<ScanStatistics>().ExportCsvAsync(2026))).TrimStart('\uFEFF');
        Assert.Contains("クロスサイトスクリプティング,2,小売業,2026-06-08/2026-06-10", csv, StringComparison.Ordinal);
        Assert.Contains("SQLインジェクション,1,小売業,2026-06-08/2026-06-10", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("テスト会社", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("example", csv, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "WEB-6")]
    public async Task Staff_MayGoOnWithoutEveryItem_WithAReason_ButCustomersCannot()
    {
        var company = await fx.NewCompanyAsync();
        var versions = await WebScanSetup.TermsAsync(fx, company.CsmId);
        var partner = await WebScanSetup.PartnerAsync(fx, "override");
        var id = (await WebScanSetup.ApplyAsync(fx, company, WebScanSetup.Sheet(versions))).ApplicationId;
        await WebScanSetup.ToChecklistAsync(fx, company, id, partner.Email);
        await WebScanSetup.TickAsync(fx, id, "backup", company.MemberId);

        await Assert.ThrowsAsync<ProgrammeRuleException>(() => WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<ChecklistDesk>().OverrideAsync(id, company.RepresentativeId, "急ぎ")));
        await Assert.ThrowsAsync<ProgrammeRuleException>(() => WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<ChecklistDesk>().OverrideAsync(id, company.CsmId, " ")));
        await Assert.ThrowsAsync<ProgrammeRuleException>(() => WebScanSetup.TickAsync(fx, id, "hosting", company.CsmId));
        Assert.Null(await fx.OpenTaskAsync(id, "scan"));

        Assert.Equal(ChecklistOutcome.Done, await WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<ChecklistDesk>().OverrideAsync(id, company.CsmId, "お客様から電話で完了の連絡あり")));

        Assert.NotNull(await fx.OpenTaskAsync(id, "scan"));
        var items = await fx.CoreAsync(db => db.ChecklistItems.IgnoreQueryFilters().Where(i => i.ApplicationId == id).ToListAsync());
        Assert.All(items, i => Assert.Equal("お客様から電話で完了の連絡あり", i.OverrideReason));
        Assert.Single(items, i => i.TickedAt is not null);
        Assert.Equal(ChecklistOutcome.NotWaiting, await WebScanSetup.TickAsync(fx, id, "hosting", company.MemberId));
    }

    [Fact]
    [Trait("Spec", "WEB-L")]
    public async Task APartner_SeesOnlyTheApplicationsAssignedToIt()
    {
        var company = await fx.NewCompanyAsync();
        var versions = await WebScanSetup.TermsAsync(fx, company.CsmId);
        var assigned = await WebScanSetup.PartnerAsync(fx, "assigned");
        var other = await WebScanSetup.PartnerAsync(fx, "other");
        var id = (await WebScanSetup.ApplyAsync(fx, company, WebScanSetup.Sheet(versions))).ApplicationId;
        var unassigned = (await WebScanSetup.ApplyAsync(fx, await fx.NewCompanyAsync(), WebScanSetup.Sheet(versions))).ApplicationId;
        await WebScanSetup.ToChecklistAsync(fx, company, id, assigned.Email);

        var mine = await WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<PartnerDesk>().ListAsync(assigned.Id));
        Assert.Equal([id], mine.Select(a => a.Id));
        Assert.Empty(await WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<PartnerDesk>().ListAsync(other.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<PartnerDesk>().GetAsync(other.Id, id)));
        await Assert.ThrowsAsync<NotFoundException>(() => WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<PartnerDesk>().GetAsync(assigned.Id, unassigned)));
        await Assert.ThrowsAsync<ProgrammeRuleException>(() => WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<PartnerDesk>().ListAsync(company.RepresentativeId)));
        Assert.Equal(5, (await WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<PartnerDesk>().ChecklistAsync(assigned.Id, id))).Count);
    }

    private async Task<TaskCommandResult> CompleteScanAsync(Guid partnerId, Guid applicationId, Guid taskId, bool withReport)
    {
        var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(new
        {
            scanFrom = WebScanSetup.Earliest, scanTo = "2026-06-10", actionsScanned = new[] { "ログイン", "会員登録" },
            findings = new[] { "クロスサイトスクリプティング: 2", "SQLインジェクション：1" },
        }))!;
        List<ApplyUpload> uploads = withReport ? [new ApplyUpload("report", "report.pdf", Pdf)] : [];
        return await WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<PartnerDesk>().CompleteAsync(partnerId, applicationId, taskId, data, uploads));
    }
}
