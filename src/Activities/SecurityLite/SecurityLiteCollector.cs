using CloudpackPlus.Activities.CostLite;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.TrustedAdvisor;
using CloudpackPlus.Integrations.Aws.WellArchitected;
using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Activities.SecurityLite;

/// <summary>
/// Reads one account for SEC-L: finds the account's workload in the Well-Architected Tool (or creates it once,
/// deduplicated by the activation's client token), reads the framework lens review's security pillar (risk
/// counts and every answer) and Trusted Advisor's security checks with their flagged resources.
/// </summary>
internal sealed class SecurityLiteCollector(AwsAccountConnection connection, AwsCollectionSession session, ActivityContext context, string region)
{
    /// <summary>The workload name the service uses for an account (found again on a later SEC-L).</summary>
    public static string WorkloadName(string accountId) => $"cloudpack+ SEC-L {accountId}";

    public async Task<SecurityLiteSummary> CollectAsync(DateTimeOffset now)
    {
        var wa = connection.WellArchitected(region);
        session.Section("Well-Architected");
        var name = WorkloadName(connection.AccountId);
        string? workloadId = null;
        string? token = null;
        do
        {
            var page = await session.CallAsync("wellarchitected:ListWorkloads", ct =>
                wa.ListWorkloadsAsync(new ListWorkloadsRequest { WorkloadNamePrefix = name, NextToken = token, MaxResults = 50 }, ct));
            workloadId ??= page.WorkloadSummaries.FirstOrDefault(w => w.WorkloadName == name)?.WorkloadId;
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null && workloadId is null);

        var reused = workloadId is not null;
        if (workloadId is null)
        {
            var created = await session.CallAsync("wellarchitected:CreateWorkload", ct => wa.CreateWorkloadAsync(new CreateWorkloadRequest
            {
                WorkloadName = name,
                Description = "Security review of the account by cloudpack+ (SEC-L)",
                Environment = "PRODUCTION",
                AccountIds = [connection.AccountId],
                AwsRegions = [region],
                Lenses = [WellArchitectedClient.FrameworkLens],
                ClientRequestToken = context.Effects.ClientTokenFor("wa-workload"),
            }, ct));
            workloadId = created.WorkloadId ?? throw new InvalidOperationException("CreateWorkload returned no WorkloadId.");
        }

        var review = await session.CallAsync("wellarchitected:GetLensReview", ct => wa.GetLensReviewAsync(workloadId, WellArchitectedClient.FrameworkLens, ct));
        var risks = review.LensReview?.PillarReviewSummaries.FirstOrDefault(p => p.PillarId == WellArchitectedClient.SecurityPillar)?.RiskCounts
            ?? new Dictionary<string, int>();
        var questions = await QuestionsAsync(wa, workloadId);
        var advisor = await TrustedAdvisorAsync();
        return new SecurityLiteSummary(connection.AccountId, region, now, workloadId, name, reused,
            new Dictionary<string, int>(risks, StringComparer.Ordinal), questions, advisor, session.Calls, session.Throttled);
    }

    private async Task<List<SecurityQuestion>> QuestionsAsync(WellArchitectedClient wa, string workloadId)
    {
        var questions = new List<SecurityQuestion>();
        string? token = null;
        do
        {
            var page = await session.CallAsync("wellarchitected:ListAnswers", ct =>
                wa.ListAnswersAsync(workloadId, WellArchitectedClient.FrameworkLens, WellArchitectedClient.SecurityPillar, token, 50, ct));
            foreach (var answer in page.AnswerSummaries)
            {
                var missing = answer.Choices.Where(c => c.ChoiceId is not null && !answer.SelectedChoices.Contains(c.ChoiceId) && c.ImprovementPlan is not null)
                    .Select(c => new ImprovementItem(c.Title ?? c.ChoiceId!, c.ImprovementPlan!.Url)).ToList();
                questions.Add(new SecurityQuestion(answer.QuestionId ?? "", answer.QuestionTitle ?? "", answer.Risk ?? "UNANSWERED", missing));
            }

            session.Collected(page.AnswerSummaries.Count, "Well-Architected");
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);

        return questions;
    }

    private async Task<TrustedAdvisorSecuritySection> TrustedAdvisorAsync()
    {
        session.Section("Trusted Advisor");
        var advisor = connection.TrustedAdvisor();
        var checks = new List<TrustedAdvisorSecurityCheck>();
        try
        {
            string? token = null;
            do
            {
                var page = await session.CallAsync("trustedadvisor:ListRecommendations", ct =>
                    advisor.ListRecommendationsAsync(new ListRecommendationsRequest { Pillar = "security", NextToken = token }, ct));
                foreach (var check in page.RecommendationSummaries)
                {
                    var flagged = (int)(check.ResourcesAggregates.WarningCount + check.ResourcesAggregates.ErrorCount);
                    var resources = check.Status == "ok" || flagged == 0 ? [] : await ResourcesAsync(advisor, check);
                    checks.Add(new TrustedAdvisorSecurityCheck(check.Name, check.Status, flagged, resources));
                }

                session.Collected(page.RecommendationSummaries.Count, "Trusted Advisor");
                token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            }
            while (token is not null);
        }
        catch (SupportPlanRequiredException e)
        {
            return new TrustedAdvisorSecuritySection(false, e.MessageJa + "\n" + e.Message, []);
        }

        // error before warning before ok: what to fix first comes first.
        return new TrustedAdvisorSecuritySection(true, null, [.. checks.OrderBy(c => c.Status switch { "error" => 0, "warning" => 1, _ => 2 })]);
    }

    private async Task<List<string>> ResourcesAsync(TrustedAdvisorClient advisor, RecommendationSummary check)
    {
        var page = await session.CallAsync("trustedadvisor:ListRecommendationResources", ct =>
            advisor.ListRecommendationResourcesAsync(check.Arn, null, SecurityLiteSummary.ResourcesPerCheck, ct));
        return [.. page.RecommendationResourceSummaries.Take(SecurityLiteSummary.ResourcesPerCheck).Select(r => r.AwsResourceId)];
    }
}
