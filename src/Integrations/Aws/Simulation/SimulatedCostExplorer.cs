using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

internal static class SimulatedCostExplorer
{
    public static JsonNode? Handle(SimulatedContext c, string operation)
    {
        if (operation != "GetCostAndUsage")
        {
            throw new SimulatedAwsException(400, "UnknownOperationException", operation);
        }

        var start = Date(c.Body["TimePeriod"]?["Start"]);
        var end = Date(c.Body["TimePeriod"]?["End"]);
        var granularity = c.String("Granularity");
        if (start >= end || granularity != "MONTHLY" || c.Body["Metrics"] is not JsonArray { Count: > 0 } metrics)
        {
            throw SimulatedContext.Invalid("ValidationException", "TimePeriod, Granularity MONTHLY and Metrics are required (the simulation serves monthly data).");
        }

        var metric = metrics[0]!.GetValue<string>();
        var byService = c.Body["GroupBy"] is JsonArray groups && groups.Any(g => g?["Key"]?.GetValue<string>() == "SERVICE");
        var today = DateOnly.FromDateTime(c.Now.UtcDateTime);
        var results = new JsonArray();
        var months = new List<DateOnly>();
        for (var month = new DateOnly(start.Year, start.Month, 1); month < end; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        // Grouped results come in pages of MonthsPerPage months, as Cost Explorer pages large answers.
        var first = SimulatedContext.FromToken(c.String("NextPageToken"));
        var pageMonths = byService ? months.Skip(first).Take(MonthsPerPage).ToList() : months;
        foreach (var month in pageMonths)
        {
            var periodStart = month < start ? start : month;
            var periodEnd = month.AddMonths(1) > end ? end : month.AddMonths(1);
            var factor = 1 + (((month.Month * 7) + c.Account.AccountId[^1]) % 11 - 5) / 100.0;
            var groupsNode = new JsonArray();
            var total = 0m;
            foreach (var (service, monthly) in SimulatedData.MonthlyCosts)
            {
                var amount = Math.Round((decimal)(monthly * factor), 4);
                total += amount;
                if (byService)
                {
                    groupsNode.Add(new JsonObject
                    {
                        ["Keys"] = new JsonArray(service),
                        ["Metrics"] = new JsonObject { [metric] = Value(amount) },
                    });
                }
            }

            results.Add(new JsonObject
            {
                ["TimePeriod"] = new JsonObject { ["Start"] = Format(periodStart), ["End"] = Format(periodEnd) },
                ["Total"] = byService ? new JsonObject() : new JsonObject { [metric] = Value(total) },
                ["Groups"] = groupsNode,
                ["Estimated"] = periodEnd > today,
            });
        }

        var answer = new JsonObject
        {
            ["GroupDefinitions"] = byService ? new JsonArray(new JsonObject { ["Type"] = "DIMENSION", ["Key"] = "SERVICE" }) : new JsonArray(),
            ["ResultsByTime"] = results,
            ["DimensionValueAttributes"] = new JsonArray(),
        };
        if (byService && first + MonthsPerPage < months.Count)
        {
            answer["NextPageToken"] = SimulatedContext.Token(first + MonthsPerPage);
        }

        return answer;
    }

    /// <summary>Months per page of a grouped answer.</summary>
    public const int MonthsPerPage = 5;

    private static JsonObject Value(decimal amount) => new()
    {
        ["Amount"] = amount.ToString("0.####", CultureInfo.InvariantCulture), ["Unit"] = "USD",
    };

    private static DateOnly Date(JsonNode? node) =>
        DateOnly.TryParseExact(node?.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw SimulatedContext.Invalid("ValidationException", "Dates must be yyyy-MM-dd.");

    private static string Format(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
