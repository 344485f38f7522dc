using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>
/// Compute Optimizer's EBS, Lambda and Auto Scaling recommendations: a deterministic fleet per account
/// (same account id → same volumes, functions and groups), served in pages of at most 25.
/// </summary>
internal static class SimulatedComputeOptimizerResources
{
    public const int VolumeCount = 48;
    public const int FunctionCount = 36;
    public const int GroupCount = 9;
    private const int PageSize = 25;

    private static readonly string[] VolumeTypes = ["gp2", "gp3", "io1", "st1"];
    private static readonly int[] MemorySizes = [128, 256, 512, 1024, 2048, 3008];
    private static readonly string[] InstanceTypes = ["m5.large", "m5.xlarge", "c5.xlarge", "r5.large", "t3.medium"];

    public static JsonNode? Handle(SimulatedContext c, string operation)
    {
        var (listName, count, item) = operation switch
        {
            "GetEBSVolumeRecommendations" => ("volumeRecommendations", VolumeCount, (Func<SimulatedContext, int, JsonObject>)Volume),
            "GetLambdaFunctionRecommendations" => ("lambdaFunctionRecommendations", FunctionCount, Function),
            "GetAutoScalingGroupRecommendations" => ("autoScalingGroupRecommendations", GroupCount, Group),
            _ => throw new SimulatedAwsException(400, "UnknownOperationException", operation),
        };
        var max = Math.Min(c.Int("maxResults") ?? PageSize, PageSize);
        var start = SimulatedContext.FromToken(c.String("nextToken"));
        var result = new JsonObject { [listName] = new JsonArray([.. Enumerable.Range(start, Math.Max(0, Math.Min(max, count - start))).Select(i => (JsonNode)item(c, i))]) };
        if (operation != "GetLambdaFunctionRecommendations")
        {
            result["errors"] = new JsonArray();
        }

        if (start + max < count)
        {
            result["nextToken"] = SimulatedContext.Token(start + max);
        }

        return result;
    }

    /// <summary>A stable number in [0, 1000) for the account and item, so every account has its own fleet.</summary>
    internal static int Seed(string accountId, string kind, int index) =>
        (int)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{accountId}/{kind}/{index}")), 0) % 1000);

    private static JsonObject Volume(SimulatedContext c, int i)
    {
        var seed = Seed(c.Account.AccountId, "ebs", i);
        var type = VolumeTypes[seed % VolumeTypes.Length];
        var size = 50 + (seed % 20 * 50);
        var optimized = seed % 3 == 0;
        var savings = optimized ? 0 : Math.Round(size * (type == "io1" ? 0.05 : 0.02) + (seed % 7), 2);
        return new JsonObject
        {
            ["volumeArn"] = $"arn:aws:ec2:{c.Region}:{c.Account.AccountId}:volume/vol-{seed:x5}{i:x12}",
            ["accountId"] = c.Account.AccountId,
            ["currentConfiguration"] = new JsonObject { ["volumeType"] = type, ["volumeSize"] = size },
            ["finding"] = optimized ? "Optimized" : "NotOptimized",
            ["lookBackPeriodInDays"] = 14.0,
            ["volumeRecommendationOptions"] = new JsonArray(new JsonObject
            {
                ["configuration"] = new JsonObject { ["volumeType"] = optimized ? type : "gp3", ["volumeSize"] = optimized ? size : Math.Max(20, size / 2) },
                ["performanceRisk"] = 0.0,
                ["rank"] = 1,
                ["savingsOpportunity"] = Savings(savings, optimized ? 0 : 35),
            }),
            ["lastRefreshTimestamp"] = c.Now.AddHours(-6).ToUnixTimeSeconds(),
            ["currentPerformanceRisk"] = "VeryLow",
        };
    }

    private static JsonObject Function(SimulatedContext c, int i)
    {
        var seed = Seed(c.Account.AccountId, "lambda", i);
        var memory = MemorySizes[seed % MemorySizes.Length];
        var optimized = memory <= 256 || seed % 4 == 0;
        var recommended = optimized ? memory : memory / 2;
        var savings = optimized ? 0 : Math.Round(memory / 1024.0 * (3 + (seed % 9)), 2);
        return new JsonObject
        {
            ["functionArn"] = $"arn:aws:lambda:{c.Region}:{c.Account.AccountId}:function:app-fn-{i:D2}:$LATEST",
            ["functionVersion"] = "$LATEST",
            ["accountId"] = c.Account.AccountId,
            ["currentMemorySize"] = memory,
            ["numberOfInvocations"] = 1000L * (seed + 1),
            ["lookbackPeriodInDays"] = 14.0,
            ["lastRefreshTimestamp"] = c.Now.AddHours(-6).ToUnixTimeSeconds(),
            ["finding"] = optimized ? "Optimized" : "NotOptimized",
            ["findingReasonCodes"] = optimized ? new JsonArray() : new JsonArray("MemoryOverprovisioned"),
            ["memorySizeRecommendationOptions"] = new JsonArray(new JsonObject
            {
                ["rank"] = 1, ["memorySize"] = recommended, ["savingsOpportunity"] = Savings(savings, optimized ? 0 : 50),
            }),
            ["currentPerformanceRisk"] = "Low",
        };
    }

    private static JsonObject Group(SimulatedContext c, int i)
    {
        var seed = Seed(c.Account.AccountId, "asg", i);
        var type = InstanceTypes[seed % InstanceTypes.Length];
        var capacity = 2 + (seed % 6);
        var over = seed % 2 == 0;
        var savings = over ? Math.Round(capacity * (40 + (seed % 30)) * 1.0, 2) : 0;
        return new JsonObject
        {
            ["accountId"] = c.Account.AccountId,
            ["autoScalingGroupArn"] = $"arn:aws:autoscaling:{c.Region}:{c.Account.AccountId}:autoScalingGroup:{Guid(c.Account.AccountId, i)}:autoScalingGroupName/asg-web-{i}",
            ["autoScalingGroupName"] = $"asg-web-{i}",
            ["finding"] = over ? "NotOptimized" : "Optimized",
            ["lookBackPeriodInDays"] = 14.0,
            ["currentConfiguration"] = new JsonObject { ["desiredCapacity"] = capacity, ["minSize"] = 1, ["maxSize"] = capacity * 2, ["instanceType"] = type },
            ["recommendationOptions"] = new JsonArray(new JsonObject
            {
                ["configuration"] = new JsonObject { ["desiredCapacity"] = capacity, ["minSize"] = 1, ["maxSize"] = capacity * 2, ["instanceType"] = over ? "m6g.large" : type },
                ["performanceRisk"] = 1.0,
                ["rank"] = 1,
                ["savingsOpportunity"] = Savings(savings, over ? 30 : 0),
                ["migrationEffort"] = over ? "Low" : "VeryLow",
            }),
            ["lastRefreshTimestamp"] = c.Now.AddHours(-6).ToUnixTimeSeconds(),
            ["currentPerformanceRisk"] = "VeryLow",
        };
    }

    private static JsonObject Savings(double value, double percent) => new()
    {
        ["savingsOpportunityPercentage"] = percent,
        ["estimatedMonthlySavings"] = new JsonObject { ["currency"] = "USD", ["value"] = value },
    };

    private static string Guid(string accountId, int index) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{accountId}/asg/{index}"))[..16]).ToString();
}
