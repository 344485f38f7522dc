using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>
/// Security Hub custom insights: the only Security Hub API that counts findings (grouped counts of a filter). The
/// simulation supports grouping by <c>SeverityLabel</c> over the account's findings (all of them are active and not
/// suppressed, so the account/record-state/workflow filters the diagnosis uses select them all).
/// </summary>
internal static class SimulatedInsights
{
    private static readonly string[] GroupableAttributes = ["SeverityLabel"];

    public static JsonObject Create(SimulatedContext c)
    {
        var name = c.String("Name");
        var groupBy = c.String("GroupByAttribute");
        if (string.IsNullOrEmpty(name) || c.Body["Filters"] is not JsonObject || string.IsNullOrEmpty(groupBy))
        {
            throw SimulatedContext.Invalid("InvalidInputException", "Name, Filters and GroupByAttribute are required.");
        }

        if (!GroupableAttributes.Contains(groupBy, StringComparer.Ordinal))
        {
            throw SimulatedContext.Invalid("InvalidInputException", $"The simulated Security Hub groups insights by {string.Join(", ", GroupableAttributes)} only, not {groupBy}.");
        }

        var arn = $"arn:aws:securityhub:{c.Region}:{c.Account.AccountId}:insight/{c.Account.AccountId}/custom/{Guid.NewGuid()}";
        c.Account.Insights[arn] = groupBy;
        return new JsonObject { ["InsightArn"] = arn };
    }

    public static JsonObject Results(SimulatedContext c)
    {
        var arn = Arn(c, "/insights/results/");
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < c.Account.FindingCount; index++)
        {
            var label = SimulatedFindings.SeverityLabel(c.Account.AccountId, index);
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        return new JsonObject
        {
            ["InsightResults"] = new JsonObject
            {
                ["InsightArn"] = arn,
                ["GroupByAttribute"] = c.Account.Insights[arn],
                ["ResultValues"] = new JsonArray([.. counts.Select(kv => (JsonNode)new JsonObject { ["GroupByAttributeValue"] = kv.Key, ["Count"] = kv.Value })]),
            },
        };
    }

    public static JsonObject Delete(SimulatedContext c)
    {
        var arn = Arn(c, "/insights/");
        c.Account.Insights.TryRemove(arn, out _);
        return new JsonObject { ["InsightArn"] = arn };
    }

    private static string Arn(SimulatedContext c, string prefix)
    {
        var arn = string.Join('/', c.RawPath[prefix.Length..].Split('/').Select(Uri.UnescapeDataString));
        return c.Account.Insights.ContainsKey(arn)
            ? arn
            : throw new SimulatedAwsException(404, "ResourceNotFoundException", $"The insight {arn} does not exist.");
    }
}
