using System.Globalization;
using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.CostExplorer;

/// <summary>AWS Cost Explorer (JSON 1.1, signed for us-east-1). Each request costs USD 0.01, so callers cache results.</summary>
public sealed class CostExplorerClient(AwsTransport transport, AwsEndpoint endpoint)
{
    public const string Metric = "UnblendedCost";

    public AwsEndpoint Endpoint => endpoint;

    public Task<GetCostAndUsageResponse> GetCostAndUsageAsync(GetCostAndUsageRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync<GetCostAndUsageResponse>(endpoint, AwsOperation.Rpc("GetCostAndUsage"), request, AwsJson.Pascal, cancellationToken);

    /// <summary>Cost per month and service for [<paramref name="fromMonth"/>, <paramref name="toMonth"/>], all pages.</summary>
    public async Task<(IReadOnlyList<MonthlyServiceCost> Costs, bool IsSimulated)> GetMonthlyCostByServiceAsync(
        DateOnly fromMonth, DateOnly toMonth, CancellationToken cancellationToken = default)
    {
        var start = new DateOnly(fromMonth.Year, fromMonth.Month, 1);
        var end = new DateOnly(toMonth.Year, toMonth.Month, 1).AddMonths(1);
        if (end <= start)
        {
            throw new ArgumentException("toMonth must not be before fromMonth.", nameof(toMonth));
        }

        var costs = new List<MonthlyServiceCost>();
        var simulated = false;
        string? token = null;
        do
        {
            var page = await GetCostAndUsageAsync(new GetCostAndUsageRequest
            {
                TimePeriod = new DateInterval { Start = Format(start), End = Format(end) },
                Granularity = "MONTHLY",
                Metrics = [Metric],
                GroupBy = [new GroupDefinition { Type = "DIMENSION", Key = "SERVICE" }],
                NextPageToken = token,
            }, cancellationToken);
            simulated |= page.IsSimulated;
            foreach (var period in page.ResultsByTime)
            {
                var month = DateOnly.ParseExact(period.TimePeriod!.Start, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                foreach (var group in period.Groups)
                {
                    if (group.Metrics.TryGetValue(Metric, out var value) && value.Amount is not null)
                    {
                        costs.Add(new MonthlyServiceCost(month, group.Keys.FirstOrDefault() ?? "(unknown)",
                            decimal.Parse(value.Amount, NumberStyles.Float, CultureInfo.InvariantCulture),
                            value.Unit ?? "USD", period.Estimated == true));
                    }
                }
            }

            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);

        return (costs, simulated);
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
