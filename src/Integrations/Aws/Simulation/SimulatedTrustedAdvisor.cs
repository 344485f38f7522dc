using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>Trusted Advisor through the Support API and through the Trusted Advisor API.</summary>
internal static class SimulatedTrustedAdvisor
{
    public const string PlanRequiredMessage =
        "AWS Premium Support Subscription is required to use this service. A Business, Enterprise On-Ramp, or Enterprise Support plan is needed.";

    public static JsonNode? HandleSupport(SimulatedContext c, string operation)
    {
        if (!c.Account.BusinessSupport)
        {
            throw SimulatedContext.Invalid("SubscriptionRequiredException", PlanRequiredMessage);
        }

        switch (operation)
        {
            case "DescribeTrustedAdvisorChecks":
                if (c.String("language") is null)
                {
                    throw SimulatedContext.Invalid("InvalidParameterValueException", "language is required.");
                }

                return new JsonObject
                {
                    ["checks"] = new JsonArray([.. SimulatedData.Checks.Select(check => (JsonNode)new JsonObject
                    {
                        ["id"] = check.Id,
                        ["name"] = check.Name,
                        ["description"] = $"Checks {check.Name.ToLowerInvariant()}.",
                        ["category"] = check.Category,
                        ["metadata"] = new JsonArray("Region", "Resource ID", "Status", "Estimated Monthly Savings"),
                    })]),
                };
            case "DescribeTrustedAdvisorCheckResult":
                var check = Find(c.String("checkId"));
                var flagged = check.Flagged;
                var result = new JsonObject
                {
                    ["checkId"] = check.Id,
                    ["timestamp"] = c.Now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    ["status"] = check.Status,
                    ["resourcesSummary"] = new JsonObject
                    {
                        ["resourcesProcessed"] = check.Processed, ["resourcesFlagged"] = flagged, ["resourcesIgnored"] = 0, ["resourcesSuppressed"] = 0,
                    },
                    ["categorySpecificSummary"] = check.Category == "cost_optimizing"
                        ? new JsonObject { ["costOptimizing"] = new JsonObject { ["estimatedMonthlySavings"] = check.Savings, ["estimatedPercentMonthlySavings"] = 7.5 } }
                        : new JsonObject(),
                    ["flaggedResources"] = new JsonArray([.. Enumerable.Range(1, flagged).Select(i => (JsonNode)new JsonObject
                    {
                        ["status"] = check.Status,
                        ["region"] = c.Region,
                        ["resourceId"] = $"{check.Id}-{c.Account.AccountId}-{i}",
                        ["isSuppressed"] = false,
                        ["metadata"] = new JsonArray(c.Region, check.ResourceId(c.Account.AccountId, i), check.Status, check.SavingsOf(i).ToString("F2", CultureInfo.InvariantCulture)),
                    })]),
                };
                return new JsonObject { ["result"] = result };
            case "RefreshTrustedAdvisorCheck":
                var refreshed = Find(c.String("checkId"));
                return new JsonObject
                {
                    ["status"] = new JsonObject { ["checkId"] = refreshed.Id, ["status"] = "enqueued", ["millisUntilNextRefreshable"] = 0 },
                };
            default:
                throw new SimulatedAwsException(400, "UnknownOperationException", operation);
        }
    }

    public static JsonNode? HandleApi(SimulatedContext c, string operation)
    {
        if (!c.Account.BusinessSupport)
        {
            throw new SimulatedAwsException(403, "AccessDeniedException", PlanRequiredMessage);
        }

        var max = c.Query.TryGetValue("maxResults", out var m) ? int.Parse(m, CultureInfo.InvariantCulture) : 100;
        var start = SimulatedContext.FromToken(c.Query.GetValueOrDefault("nextToken"));
        if (operation == "ListRecommendations")
        {
            var pillar = c.Query.GetValueOrDefault("pillar");
            var all = SimulatedData.Checks.Where(k => pillar is null || k.Category == pillar).ToList();
            var page = all.Skip(start).Take(max).Select(k => (JsonNode)Summary(c, k)).ToArray();
            var result = new JsonObject { ["recommendationSummaries"] = new JsonArray(page) };
            if (start + max < all.Count)
            {
                result["nextToken"] = SimulatedContext.Token(start + max);
            }

            return result;
        }

        // /v1/recommendations/{recommendationIdentifier}/resources; the identifier is an ARN or an id.
        var identifier = Uri.UnescapeDataString(c.RawPath["/v1/recommendations/".Length..^"/resources".Length]);
        var id = identifier.Split('/')[^1];
        var check = SimulatedData.Checks.FirstOrDefault(k => k.Id == id);
        if (check is null)
        {
            throw new SimulatedAwsException(404, "ResourceNotFoundException", $"Recommendation {identifier} does not exist.");
        }

        var count = check.Flagged;
        var recommendationArn = Arn(c, check.Id);
        var resources = Enumerable.Range(1, count).Skip(start).Take(max).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"{check.Id}-res-{i}",
            ["arn"] = $"arn:aws:trustedadvisor::{c.Account.AccountId}:recommendation-resource/{check.Id}/res-{i}",
            ["awsResourceId"] = check.ResourceId(c.Account.AccountId, i),
            ["regionCode"] = c.Region == "us-east-1" ? "ap-northeast-1" : c.Region,
            ["status"] = check.Status,
            ["metadata"] = new JsonObject
            {
                ["0"] = "ap-northeast-1", ["1"] = check.ResourceId(c.Account.AccountId, i), ["2"] = check.Status,
                ["3"] = check.SavingsOf(i).ToString("F2", CultureInfo.InvariantCulture),
            },
            ["lastUpdatedAt"] = Iso(c.Now),
            ["recommendationArn"] = recommendationArn,
        }).ToArray();
        var answer = new JsonObject { ["recommendationResourceSummaries"] = new JsonArray(resources) };
        if (start + max < count)
        {
            answer["nextToken"] = SimulatedContext.Token(start + max);
        }

        return answer;
    }

    private static JsonObject Summary(SimulatedContext c, SimulatedCheck k)
    {
        var summary = new JsonObject
        {
            ["id"] = k.Id,
            ["type"] = "standard",
            ["checkArn"] = $"arn:aws:trustedadvisor:::check/{k.Id}",
            ["status"] = k.Status,
            ["pillars"] = new JsonArray(k.Category),
            ["source"] = "ta_check",
            ["name"] = k.Name,
            ["resourcesAggregates"] = new JsonObject
            {
                ["okCount"] = k.Processed - k.Flagged, ["warningCount"] = k.Status == "warning" ? k.Flagged : 0, ["errorCount"] = k.Status == "error" ? k.Flagged : 0,
            },
            ["createdAt"] = Iso(c.Now.AddDays(-90)),
            ["lastUpdatedAt"] = Iso(c.Now),
            ["arn"] = Arn(c, k.Id),
        };
        if (k.Category == "cost_optimizing")
        {
            summary["pillarSpecificAggregates"] = new JsonObject
            {
                ["costOptimizing"] = new JsonObject { ["estimatedMonthlySavings"] = k.Savings, ["estimatedPercentMonthlySavings"] = 7.5 },
            };
        }

        return summary;
    }

    private static string Arn(SimulatedContext c, string id) => $"arn:aws:trustedadvisor::{c.Account.AccountId}:recommendation/{id}";

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static SimulatedCheck Find(string? checkId)
    {
        var check = SimulatedData.Checks.FirstOrDefault(k => k.Id == checkId);
        return check is null
            ? throw SimulatedContext.Invalid("InvalidParameterValueException", $"Check {checkId} does not exist.")
            : check;
    }
}
