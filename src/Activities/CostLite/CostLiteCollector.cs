using System.Globalization;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.ComputeOptimizer;
using CloudpackPlus.Integrations.Aws.CostExplorer;
using CloudpackPlus.Integrations.Aws.TrustedAdvisor;

namespace CloudpackPlus.Activities.CostLite;

/// <summary>
/// Reads one account for COST-L page by page and keeps aggregates only: savings per category, the
/// <see cref="CostLiteSummary.TopCount"/> largest recommendations (trimmed after every page) and spend per
/// month for the largest services.
/// </summary>
internal sealed class CostLiteCollector(AwsAccountConnection connection, AwsCollectionSession session, string region)
{
    private readonly Dictionary<string, (int Count, decimal Savings)> _categories = new(StringComparer.Ordinal);
    private readonly List<CostRecommendation> _top = [];

    public async Task<CostLiteSummary> CollectAsync(DateOnly firstMonth, DateOnly lastMonth, DateTimeOffset now)
    {
        var advisor = await TrustedAdvisorAsync();
        var optimizerNote = await ComputeOptimizerAsync();
        var spend = await SpendAsync(firstMonth, lastMonth);
        var categories = _categories.Where(c => c.Value.Count > 0)
            .Select(c => new SavingsCategory(c.Key, c.Value.Count, Math.Round(c.Value.Savings, 2)))
            .OrderByDescending(c => c.MonthlySavings).ToList();
        return new CostLiteSummary(connection.AccountId, region, now, advisor, optimizerNote, categories, [.. _top], spend, session.Calls, session.Throttled);
    }

    private async Task<TrustedAdvisorCostSection> TrustedAdvisorAsync()
    {
        session.Section("Trusted Advisor");
        var advisor = connection.TrustedAdvisor();
        var checks = new List<TrustedAdvisorCheckRow>();
        try
        {
            string? token = null;
            do
            {
                var page = await session.CallAsync("trustedadvisor:ListRecommendations", ct =>
                    advisor.ListRecommendationsAsync(new ListRecommendationsRequest { Pillar = "cost_optimizing", NextToken = token }, ct));
                foreach (var check in page.RecommendationSummaries)
                {
                    var flagged = (int)(check.ResourcesAggregates.WarningCount + check.ResourcesAggregates.ErrorCount);
                    var savings = (decimal)(check.PillarSpecificAggregates?.CostOptimizing?.EstimatedMonthlySavings ?? 0);
                    checks.Add(new TrustedAdvisorCheckRow(check.Name, check.Status, flagged, Math.Round(savings, 2)));
                    if (check.Status != "ok" && flagged > 0)
                    {
                        await FlaggedResourcesAsync(advisor, check, savings / flagged);
                    }
                }

                session.Collected(page.RecommendationSummaries.Count, "Trusted Advisor");
                token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            }
            while (token is not null);
        }
        catch (SupportPlanRequiredException e)
        {
            return new TrustedAdvisorCostSection(false, e.MessageJa + "\n" + e.Message, []);
        }

        return new TrustedAdvisorCostSection(true, null, checks);
    }

    private async Task FlaggedResourcesAsync(TrustedAdvisorClient advisor, RecommendationSummary check, decimal savingsEach)
    {
        string? token = null;
        do
        {
            var page = await session.CallAsync("trustedadvisor:ListRecommendationResources", ct =>
                advisor.ListRecommendationResourcesAsync(check.Arn, token, null, ct));
            foreach (var resource in page.RecommendationResourceSummaries)
            {
                Add(new CostRecommendation("Trusted Advisor", resource.AwsResourceId, check.Name, "—", Math.Round(savingsEach, 2)));
            }

            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);
    }

    private async Task<string?> ComputeOptimizerAsync()
    {
        var optimizer = connection.ComputeOptimizer(region);
        try
        {
            session.Section("Compute Optimizer EC2");
            await PagesAsync<GetEC2InstanceRecommendationsResponse, InstanceRecommendation>("compute-optimizer:GetEC2InstanceRecommendations", "Compute Optimizer EC2",
                t => ct => optimizer.GetEC2InstanceRecommendationsAsync(new() { NextToken = t }, ct), p => p.NextToken, p => p.InstanceRecommendations,
                r => r.RecommendationOptions?.FirstOrDefault() is { } o && r.Finding != "Optimized"
                    ? new CostRecommendation("EC2", Last(r.InstanceArn, '/'), r.CurrentInstanceType ?? "", o.InstanceType ?? "", Savings(o.SavingsOpportunity)) : null);
            session.Section("Compute Optimizer EBS");
            await PagesAsync<GetEBSVolumeRecommendationsResponse, VolumeRecommendation>("compute-optimizer:GetEBSVolumeRecommendations", "Compute Optimizer EBS",
                t => ct => optimizer.GetEBSVolumeRecommendationsAsync(new() { NextToken = t }, ct), p => p.NextToken, p => p.VolumeRecommendations,
                r => r.VolumeRecommendationOptions?.FirstOrDefault() is { } o && r.Finding == "NotOptimized"
                    ? new CostRecommendation("EBS", Last(r.VolumeArn, '/'), Volume(r.CurrentConfiguration), Volume(o.Configuration), Savings(o.SavingsOpportunity)) : null);
            session.Section("Compute Optimizer Lambda");
            await PagesAsync<GetLambdaFunctionRecommendationsResponse, LambdaFunctionRecommendation>("compute-optimizer:GetLambdaFunctionRecommendations", "Compute Optimizer Lambda",
                t => ct => optimizer.GetLambdaFunctionRecommendationsAsync(new() { NextToken = t }, ct), p => p.NextToken, p => p.LambdaFunctionRecommendations,
                r => r.MemorySizeRecommendationOptions?.FirstOrDefault() is { } o && r.Finding == "NotOptimized"
                    ? new CostRecommendation("Lambda", FunctionName(r.FunctionArn), $"{r.CurrentMemorySize} MB", $"{o.MemorySize} MB", Savings(o.SavingsOpportunity)) : null);
            session.Section("Compute Optimizer Auto Scaling");
            await PagesAsync<GetAutoScalingGroupRecommendationsResponse, AutoScalingGroupRecommendation>("compute-optimizer:GetAutoScalingGroupRecommendations", "Compute Optimizer Auto Scaling",
                t => ct => optimizer.GetAutoScalingGroupRecommendationsAsync(new() { NextToken = t }, ct), p => p.NextToken, p => p.AutoScalingGroupRecommendations,
                r => r.RecommendationOptions?.FirstOrDefault() is { } o && r.Finding != "Optimized"
                    ? new CostRecommendation("Auto Scaling", r.AutoScalingGroupName ?? Last(r.AutoScalingGroupArn, '/'), Group(r.CurrentConfiguration), Group(o.Configuration), Savings(o.SavingsOpportunity)) : null);
            return null;
        }
        catch (ComputeOptimizerOptInRequiredException e)
        {
            return e.MessageJa + "\n" + e.Message;
        }
    }

    private async Task PagesAsync<TPage, TItem>(string action, string name, Func<string?, Func<CancellationToken, Task<TPage>>> fetch,
        Func<TPage, string?> next, Func<TPage, List<TItem>> items, Func<TItem, CostRecommendation?> recommend)
    {
        string? token = null;
        do
        {
            var page = await session.CallAsync(action, fetch(token));
            var list = items(page);
            foreach (var recommendation in list.Select(recommend))
            {
                if (recommendation is { MonthlySavings: > 0 })
                {
                    Add(recommendation);
                }
            }

            session.Collected(list.Count, name);
            token = next(page) is { Length: > 0 } t ? t : null;
        }
        while (token is not null);
    }

    private async Task<SpendSection> SpendAsync(DateOnly firstMonth, DateOnly lastMonth)
    {
        session.Section("Cost Explorer");
        var months = Enumerable.Range(0, ((lastMonth.Year - firstMonth.Year) * 12) + lastMonth.Month - firstMonth.Month + 1)
            .Select(i => firstMonth.AddMonths(i)).ToList();
        var labels = months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        var amounts = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        var explorer = connection.CostExplorer();
        try
        {
            // Each page is one request, charged USD 0.01 to the customer (PRICE-1): counted one by one for the appendix.
            string? token = null;
            do
            {
                var page = await session.CallAsync("ce:GetCostAndUsage", ct => explorer.GetCostAndUsageAsync(new GetCostAndUsageRequest
                {
                    TimePeriod = new DateInterval { Start = Day(firstMonth), End = Day(lastMonth.AddMonths(1)) },
                    Granularity = "MONTHLY",
                    Metrics = [CostExplorerClient.Metric],
                    GroupBy = [new GroupDefinition { Type = "DIMENSION", Key = "SERVICE" }],
                    NextPageToken = token,
                }, ct));
                foreach (var period in page.ResultsByTime)
                {
                    var index = months.IndexOf(DateOnly.ParseExact(period.TimePeriod!.Start, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                    foreach (var group in period.Groups.Where(_ => index >= 0))
                    {
                        if (group.Metrics.TryGetValue(CostExplorerClient.Metric, out var value) && value.Amount is not null)
                        {
                            var service = group.Keys.FirstOrDefault() ?? "(unknown)";
                            var row = amounts.TryGetValue(service, out var existing) ? existing : amounts[service] = new decimal[months.Count];
                            row[index] += decimal.Parse(value.Amount, NumberStyles.Float, CultureInfo.InvariantCulture);
                        }
                    }
                }

                session.Collected(page.ResultsByTime.Count, "Cost Explorer");
                token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
            }
            while (token is not null);
        }
        catch (AwsIntegrationException e) when (e is not AwsAccessDeniedException && !e.IsTransient)
        {
            return new SpendSection(labels, [], e.MessageJa + "\n" + e.Message);
        }

        var byService = amounts.Select(a => new ServiceSpend(a.Key, [.. a.Value.Select(v => Math.Round(v, 2))]))
            .OrderByDescending(s => s.Total).ToList();
        var shown = byService.Take(CostLiteSummary.ChartServices).ToList();
        if (byService.Count > CostLiteSummary.ChartServices)
        {
            var rest = byService.Skip(CostLiteSummary.ChartServices).ToList();
            shown.Add(new ServiceSpend("Other", [.. months.Select((_, i) => rest.Sum(s => s.Values[i]))]));
        }

        return new SpendSection(labels, shown, null);
    }

    /// <summary>Adds to its category and keeps only the largest recommendations (bounded whatever the account's size).</summary>
    private void Add(CostRecommendation recommendation)
    {
        var (count, savings) = _categories.GetValueOrDefault(recommendation.Category);
        _categories[recommendation.Category] = (count + 1, savings + recommendation.MonthlySavings);
        _top.Add(recommendation);
        _top.Sort((a, b) => b.MonthlySavings.CompareTo(a.MonthlySavings) is var bySavings && bySavings != 0 ? bySavings : string.CompareOrdinal(a.ResourceId, b.ResourceId));
        if (_top.Count > CostLiteSummary.TopCount)
        {
            _top.RemoveRange(CostLiteSummary.TopCount, _top.Count - CostLiteSummary.TopCount);
        }
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal Savings(SavingsOpportunity? savings) => Math.Round((decimal)(savings?.EstimatedMonthlySavings?.Value ?? 0), 2);

    private static string Last(string? arn, char separator) => arn is null ? "" : arn[(arn.LastIndexOf(separator) + 1)..];

    private static string FunctionName(string? arn) => arn?.Split(':') is { Length: >= 7 } parts ? parts[6] : arn ?? "";

    private static string Volume(VolumeConfiguration? c) => c is null ? "" : $"{c.VolumeType} {c.VolumeSize} GiB";

    private static string Group(AutoScalingGroupConfiguration? c) => c is null ? "" : $"{c.InstanceType} × {c.DesiredCapacity}";
}
