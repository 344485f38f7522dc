using CloudpackPlus.Activities.SecurityLite;
using CloudpackPlus.Activities.Tests.Support;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using static CloudpackPlus.Activities.Tests.Applications.TrainingApplicationFixture;

namespace CloudpackPlus.Activities.Tests.Lite;

/// <summary>SEC-L (sec-l.json) end to end on the simulated AWS, and its faults.</summary>
public sealed class SecurityLiteWorkflowTests(LiteServicesFixture fx) : IClassFixture<LiteServicesFixture>
{
    [Fact]
    [Trait("Spec", "SEC-L")]
    [Trait("Spec", "REPORT-1")]
    [Trait("Spec", "TOOL-1")]
    public async Task SecurityLite_FromApplyToReport_ReviewsThePillar_AndSpendsTheTickets()
    {
        var company = await fx.NewCompanyAsync();
        var account = await fx.LinkedAccountAsync(company);
        var before = await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId);
        var applied = await fx.ApplyLiteAsync("SEC-L", company, account.AccountId);

        await LiteFlow.HoldMeetingAsync(fx, company, applied.ApplicationId, "meeting");
        var closed = await LiteFlow.ClosedAsync(fx, applied.ApplicationId);

        Assert.Equal(ApplicationStatus.Completed, closed.Status);
        Assert.Equal(before - 5, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
        var instance = await fx.InstanceAsync(applied.ApplicationId);
        var summary = SecurityLiteSummary.FromPlain(PlainValues.ParseObject(instance.Variables)[SecurityLiteSummary.Variable])!;
        Assert.False(summary.WorkloadReused);
        Assert.Equal(11, summary.Questions.Count);
        foreach (var risk in new[] { "HIGH", "MEDIUM", "NONE" })
        {
            Assert.Equal(summary.PillarRisks.GetValueOrDefault(risk), summary.Questions.Count(q => q.Risk == risk));
        }

        Assert.All(summary.Questions, q => Assert.Equal(q.Risk switch { "HIGH" => 2, "MEDIUM" => 1, _ => 0 }, q.Improvements.Count));
        // The simulated account's 12 security checks: 3 errors, 4 warnings, 5 ok; each flagged check lists its resources.
        Assert.Equal((12, 3, 4), (summary.TrustedAdvisor.Checks.Count, summary.TrustedAdvisor.Checks.Count(c => c.Status == "error"),
            summary.TrustedAdvisor.Checks.Count(c => c.Status == "warning")));
        Assert.All(summary.TrustedAdvisor.Checks.Where(c => c.Status != "ok"), c =>
            Assert.Equal(Math.Min(c.Flagged, SecurityLiteSummary.ResourcesPerCheck), c.Resources.Count));
        Assert.Contains(summary.TrustedAdvisor.Checks, c => c.Resources.Any(r => r.StartsWith("sg-", StringComparison.Ordinal)));

        var ja = await fx.ReportHtmlAsync(instance.Id, "ja-JP");
        var en = await fx.ReportHtmlAsync(instance.Id, "en-US");
        Assert.Contains($"<td class=\"num severity-high\">{summary.High}</td>", ja, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"num severity-medium\">{summary.Medium}</td>", en, StringComparison.Ordinal);
        foreach (var question in summary.Questions.Where(q => q.Risk is "HIGH" or "MEDIUM"))
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(question.Title), en, StringComparison.Ordinal);
            Assert.All(question.Improvements, i => Assert.Contains($"<a href=\"{i.Url}\">", ja, StringComparison.Ordinal));
        }

        Assert.Contains("MFA on Root Account", ja, StringComparison.Ordinal);
        Assert.Contains("wellarchitected:CreateWorkload", en, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "SEC-L")]
    public async Task SecondReview_OfTheSameAccount_ReusesTheWorkload()
    {
        var company = await fx.NewCompanyAsync();
        var account = await fx.LinkedAccountAsync(company);
        var first = await ReviewAsync(company, account.AccountId);

        var second = await ReviewAsync(company, account.AccountId);

        Assert.Equal((false, true), (first.WorkloadReused, second.WorkloadReused));
        Assert.Equal(first.WorkloadId, second.WorkloadId);
        Assert.DoesNotContain(second.Calls, c => c.Action == "wellarchitected:CreateWorkload");
    }

    [Fact]
    [Trait("Spec", "SEC-L")]
    public async Task AccessDenied_GivesTheCustomerATaskNamingThePermission_AndTheRetryFinishes()
    {
        var company = await fx.NewCompanyAsync();
        var account = (await fx.LinkedAccountAsync(company)).WithoutPermission(fx.ReadOnlyRole, "wellarchitected:ListAnswers");
        var applied = await fx.ApplyLiteAsync("SEC-L", company, account.AccountId);
        await LiteFlow.HoldMeetingAsync(fx, company, applied.ApplicationId, "meeting");

        var grant = await fx.UntilAsync(() => fx.OpenTaskAsync(applied.ApplicationId, "grant"), LiteFlow.Patience);

        Assert.Contains("wellarchitected:ListAnswers", grant.Title, StringComparison.Ordinal);
        Assert.Contains("wellarchitected:ListAnswers", grant.TitleEn, StringComparison.Ordinal);
        Assert.Equal(TaskRoles.CustomerRepresentative, grant.Role);
        Assert.Equal(ApplicationStatus.InProgress, (await fx.ApplicationAsync(applied.ApplicationId)).Status);

        account.Roles[fx.ReadOnlyRole].Permissions.Add("wellarchitected:ListAnswers");
        var retried = await fx.CompleteAsync(grant.Id, Representative(company), new { done = "retry" });
        Assert.Equal(TaskCommandOutcome.Succeeded, retried.Outcome);
        Assert.Equal(ApplicationStatus.Completed, (await LiteFlow.ClosedAsync(fx, applied.ApplicationId)).Status);
    }

    [Fact]
    [Trait("Spec", "SEC-L")]
    [Trait("Spec", "TOOL-1")]
    public async Task WithoutABusinessSupportPlan_TheReportSaysTrustedAdvisorWasNotAvailable()
    {
        var company = await fx.NewCompanyAsync();
        var account = await fx.LinkedAccountAsync(company);
        account.BusinessSupport = false;
        var applied = await fx.ApplyLiteAsync("SEC-L", company, account.AccountId);
        await LiteFlow.HoldMeetingAsync(fx, company, applied.ApplicationId, "meeting");

        Assert.Equal(ApplicationStatus.Completed, (await LiteFlow.ClosedAsync(fx, applied.ApplicationId)).Status);
        var instance = await fx.InstanceAsync(applied.ApplicationId);
        var summary = SecurityLiteSummary.FromPlain(PlainValues.ParseObject(instance.Variables)[SecurityLiteSummary.Variable])!;
        Assert.False(summary.TrustedAdvisor.Available);
        Assert.Contains("ビジネス以上のサポートプラン", await fx.ReportHtmlAsync(instance.Id, "ja-JP"), StringComparison.Ordinal);
        Assert.Contains("Business, Enterprise On-Ramp or Enterprise support plan", await fx.ReportHtmlAsync(instance.Id, "en-US"), StringComparison.Ordinal);
    }

    private async Task<SecurityLiteSummary> ReviewAsync(EnrolledCompany company, string account)
    {
        var applied = await fx.ApplyLiteAsync("SEC-L", company, account);
        await LiteFlow.HoldMeetingAsync(fx, company, applied.ApplicationId, "meeting");
        await LiteFlow.ClosedAsync(fx, applied.ApplicationId);
        return SecurityLiteSummary.FromPlain(PlainValues.ParseObject((await fx.InstanceAsync(applied.ApplicationId)).Variables)[SecurityLiteSummary.Variable])!;
    }
}
