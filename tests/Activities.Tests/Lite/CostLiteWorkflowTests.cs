using CloudpackPlus.Activities.CostLite;
using CloudpackPlus.Activities.Tests.Support;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using static CloudpackPlus.Activities.Tests.Applications.TrainingApplicationFixture;

namespace CloudpackPlus.Activities.Tests.Lite;

/// <summary>COST-L (cost-l.json) end to end on the simulated AWS, through the services the portal pages call.</summary>
public sealed class CostLiteWorkflowTests(LiteServicesFixture fx) : IClassFixture<LiteServicesFixture>
{
    private static readonly TimeSpan Patience = LiteFlow.Patience;

    [Fact]
    [Trait("Spec", "COST-L")]
    [Trait("Spec", "REPORT-1")]
    [Trait("Spec", "TOOL-1")]
    public async Task CostLite_FromApplyToReportMeeting_CollectsReportsAndSpendsTheTickets()
    {
        var company = await fx.NewCompanyAsync();
        var account = await fx.LinkedAccountAsync(company);
        var before = await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId);
        var applied = await fx.ApplyLiteAsync("COST-L", company, account.AccountId);

        await ScheduleKickoffAsync(company, applied.ApplicationId);
        var meeting = await fx.UntilAsync(() => fx.OpenTaskAsync(applied.ApplicationId, "report-meeting"), Patience);

        var summary = CostLiteSummary.FromPlain(PlainValues.ParseObject((await fx.InstanceAsync(applied.ApplicationId)).Variables)[CostLiteSummary.Variable])!;
        Assert.Equal(account.AccountId, summary.Account);
        Assert.Equal(CostLiteSummary.TopCount, summary.Top.Count);
        Assert.True(summary.Top.Zip(summary.Top.Skip(1)).All(p => p.First.MonthlySavings >= p.Second.MonthlySavings));
        Assert.Equal(["Auto Scaling", "EBS", "EC2", "Lambda", "Trusted Advisor"], summary.Categories.Select(c => c.Category).Order(StringComparer.Ordinal));
        Assert.Equal(12, summary.Spend.Months.Count);
        var thisMonth = Core.Time.Tokyo.DateOf(summary.CollectedAt);
        var lastMonth = new DateOnly(thisMonth.Year, thisMonth.Month, 1).AddMonths(-1);
        Assert.Equal((lastMonth.AddMonths(-11).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), lastMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)),
            (summary.Spend.Months[0], summary.Spend.Months[^1])); // 12 full months before the collection
        Assert.Equal(CostLiteSummary.ChartServices + 1, summary.Spend.Services.Count);
        Assert.Contains(summary.Calls, c => c is { Action: "ce:GetCostAndUsage", Calls: 3 }); // 12 months in pages of 5
        Assert.Contains(summary.Calls, c => c is { Action: "compute-optimizer:GetEBSVolumeRecommendations", Calls: 2 });

        var ja = await fx.ReportHtmlAsync(meeting.InstanceId, "ja-JP");
        var en = await fx.ReportHtmlAsync(meeting.InstanceId, "en-US");
        Assert.Contains(summary.TotalMonthlySavings.ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("en-US")) + " USD", ja, StringComparison.Ordinal);
        Assert.Contains(summary.Top[0].ResourceId, ja, StringComparison.Ordinal);
        Assert.Contains(summary.Top[^1].ResourceId, en, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", en, StringComparison.Ordinal); // the spend chart, as SVG with its numbers in a table
        Assert.Contains(System.Net.WebUtility.HtmlEncode(summary.Spend.Services[0].Name), en, StringComparison.Ordinal);
        Assert.Contains("削減額の大きい推奨事項 上位20件", ja, StringComparison.Ordinal);
        Assert.Contains("Top 20 recommendations by savings", en, StringComparison.Ordinal);
        Assert.Contains(account.AccountId, ja, StringComparison.Ordinal); // the cover
        Assert.Contains(lastMonth.AddMonths(-11).ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), ja, StringComparison.Ordinal);
        Assert.Contains("trustedadvisor:ListRecommendationResources", ja, StringComparison.Ordinal); // the appendix

        var done = await fx.CompleteAsync(meeting.Id, Csm(company), new { heldAt = Slots.Next(fx.Clock, 15, 0).ToString("O", System.Globalization.CultureInfo.InvariantCulture), summary = "EBS を gp3 に移行する" });
        Assert.Equal(TaskCommandOutcome.Succeeded, done.Outcome);
        var application = await fx.ApplicationAsync(applied.ApplicationId);
        Assert.Equal(ApplicationStatus.Completed, application.Status);
        Assert.Equal(before - 5, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
    }

    [Fact]
    [Trait("Spec", "COST-L")]
    public async Task EbsSavings_InTheSummary_AreWhatComputeOptimizerSays()
    {
        var company = await fx.NewCompanyAsync();
        var account = await fx.LinkedAccountAsync(company);
        var applied = await fx.ApplyLiteAsync("COST-L", company, account.AccountId);
        await ScheduleKickoffAsync(company, applied.ApplicationId);
        await fx.UntilAsync(() => fx.OpenTaskAsync(applied.ApplicationId, "report-meeting"), Patience);
        var summary = CostLiteSummary.FromPlain(PlainValues.ParseObject((await fx.InstanceAsync(applied.ApplicationId)).Variables)[CostLiteSummary.Variable])!;

        // Independently: every EBS volume Compute Optimizer reports for this account, read straight from the simulated AWS.
        var volumes = new List<(string Id, decimal Savings)>();
        fx.Aws.CallObserved += Observe;
        void Observe(SimulatedCall call)
        {
            if (call.Operation == "GetEBSVolumeRecommendations" && call.Status == 200)
            {
                var body = System.Text.Json.Nodes.JsonNode.Parse(call.ResponseBody)!;
                lock (volumes)
                {
                    volumes.AddRange(body["volumeRecommendations"]!.AsArray().Where(v => v!["finding"]!.GetValue<string>() == "NotOptimized")
                        .Select(v => (v!["volumeArn"]!.GetValue<string>().Split('/')[^1],
                            Math.Round((decimal)v["volumeRecommendationOptions"]![0]!["savingsOpportunity"]!["estimatedMonthlySavings"]!["value"]!.GetValue<double>(), 2))));
                }
            }
        }

        try
        {
            var again = await fx.ApplyLiteAsync("COST-L", company, account.AccountId);
            await ScheduleKickoffAsync(company, again.ApplicationId);
            await fx.UntilAsync(() => fx.OpenTaskAsync(again.ApplicationId, "report-meeting"), Patience);
        }
        finally
        {
            fx.Aws.CallObserved -= Observe;
        }

        var ebs = summary.Categories.Single(c => c.Category == "EBS");
        var paying = volumes.Where(v => v.Savings > 0).ToList();
        Assert.NotEmpty(paying);
        Assert.Equal((paying.Count, paying.Sum(v => v.Savings)), (ebs.Recommendations, ebs.MonthlySavings));
        var smallestShown = summary.Top.Min(t => t.MonthlySavings);
        Assert.All(paying.Where(v => summary.Top.All(t => t.ResourceId != v.Id)), v => Assert.True(v.Savings <= smallestShown));
    }

    [Theory]
    [Trait("Spec", "HOURS-1")]
    [InlineData(false, 18, 30)] // a weekday, but one hour ends after 19:00
    [InlineData(true, 14, 0)] // Saturday
    public async Task KickoffSlot_OutsideBusinessHours_IsRefused(bool saturday, int hour, int minute)
    {
        var startsAt = Slots.Next(fx.Clock, hour, minute, saturday).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var company = await fx.NewCompanyAsync();
        var account = await fx.LinkedAccountAsync(company);
        var applied = await fx.ApplyLiteAsync("COST-L", company, account.AccountId);
        var task = (await fx.OpenTaskAsync(applied.ApplicationId, "kickoff"))!;

        var result = await fx.CompleteAsync(task.Id, Csm(company), new { startsAt, meetingUrl = "https://meet.example.jp/k" });

        Assert.Equal(TaskCommandOutcome.Invalid, result.Outcome);
        Assert.Contains(result.FormErrors, e => e is { Field: "startsAt", Code: FormErrorCodes.BusinessHours });
    }

    private Task ScheduleKickoffAsync(EnrolledCompany company, Guid applicationId) => LiteFlow.HoldMeetingAsync(fx, company, applicationId, "kickoff");
}
