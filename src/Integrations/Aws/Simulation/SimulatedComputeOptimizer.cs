using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

internal static class SimulatedComputeOptimizer
{
    public static JsonNode? Handle(SimulatedContext c, string operation)
    {
        if (!c.Account.ComputeOptimizerOptedIn)
        {
            throw SimulatedContext.Invalid("OptInRequiredException", "The account is not opted in to AWS Compute Optimizer.");
        }

        if (operation != "GetEC2InstanceRecommendations")
        {
            return SimulatedComputeOptimizerResources.Handle(c, operation);
        }

        var max = c.Int("maxResults") ?? 100;
        var start = SimulatedContext.FromToken(c.String("nextToken"));
        var all = SimulatedData.Instances;
        var page = all.Skip(start).Take(max).Select((instance, i) => (JsonNode)Recommendation(c, instance, start + i)).ToArray();
        var result = new JsonObject { ["instanceRecommendations"] = new JsonArray(page), ["errors"] = new JsonArray() };
        if (start + max < all.Length)
        {
            result["nextToken"] = SimulatedContext.Token(start + max);
        }

        return result;
    }

    private static JsonObject Recommendation(SimulatedContext c, (string Name, string Type, string Finding, string Recommended, double Cpu, double Savings) i, int index)
    {
        var reason = i.Finding switch
        {
            "Overprovisioned" => "CPUOverprovisioned",
            "Underprovisioned" => "CPUUnderprovisioned",
            _ => null,
        };
        return new JsonObject
        {
            ["instanceArn"] = $"arn:aws:ec2:{c.Region}:{c.Account.AccountId}:instance/i-{index + 0x0a1b2c3d:x17}",
            ["accountId"] = c.Account.AccountId,
            ["instanceName"] = i.Name,
            ["currentInstanceType"] = i.Type,
            ["finding"] = i.Finding,
            ["findingReasonCodes"] = reason is null ? new JsonArray() : new JsonArray(reason),
            ["utilizationMetrics"] = new JsonArray(new JsonObject { ["name"] = "Cpu", ["statistic"] = "Maximum", ["value"] = i.Cpu }),
            ["lookBackPeriodInDays"] = 14.0,
            ["recommendationOptions"] = new JsonArray(new JsonObject
            {
                ["instanceType"] = i.Recommended,
                ["performanceRisk"] = 1.0,
                ["rank"] = 1,
                ["savingsOpportunity"] = new JsonObject
                {
                    ["savingsOpportunityPercentage"] = i.Savings > 0 ? 48.0 : 0.0,
                    ["estimatedMonthlySavings"] = new JsonObject { ["currency"] = "USD", ["value"] = i.Savings },
                },
            }),
            ["lastRefreshTimestamp"] = c.Now.AddHours(-6).ToUnixTimeSeconds(),
            ["currentPerformanceRisk"] = i.Finding == "Underprovisioned" ? "High" : "VeryLow",
        };
    }
}
