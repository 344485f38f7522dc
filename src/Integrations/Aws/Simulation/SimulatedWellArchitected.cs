using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>
/// The Well-Architected Tool: workloads per account (created on request, deduplicated by ClientRequestToken),
/// the framework lens review with risk counts per pillar, and the security pillar's answers with improvement
/// plans. Risks are deterministic per account (same account id → same review).
/// </summary>
internal static class SimulatedWellArchitected
{
    public const string Lens = "wellarchitected";

    private static readonly ConditionalWeakTable<SimulatedAccount, List<Workload>> Workloads = [];

    /// <summary>The framework's security pillar questions (ids as the tool uses them).</summary>
    internal static readonly (string Id, string Title)[] SecurityQuestions =
    [
        ("securely-operate", "How do you securely operate your workload?"),
        ("identities", "How do you manage authentication for people and machines?"),
        ("permissions", "How do you manage permissions for people and machines?"),
        ("detect-investigate-events", "How do you detect and investigate security events?"),
        ("network-protection", "How do you protect your network resources?"),
        ("protect-compute", "How do you protect your compute resources?"),
        ("data-classification", "How do you classify your data?"),
        ("protect-data-rest", "How do you protect your data at rest?"),
        ("protect-data-transit", "How do you protect your data in transit?"),
        ("incident-response", "How do you anticipate, respond to, and recover from incidents?"),
        ("application-security", "How do you incorporate and validate the security properties of applications throughout the design, development, and deployment lifecycle?"),
    ];

    private static readonly (string Id, string Name)[] Pillars =
    [
        ("operationalExcellence", "Operational Excellence"), ("security", "Security"), ("reliability", "Reliability"),
        ("performance", "Performance Efficiency"), ("costOptimization", "Cost Optimization"), ("sustainability", "Sustainability"),
    ];

    public static string? Route(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        return (method, parts.Length) switch
        {
            ("POST", 1) when parts[0] == "workloadsSummaries" => "ListWorkloads",
            ("POST", 1) when parts[0] == "workloads" => "CreateWorkload",
            ("GET", 3) when parts[0] == "workloads" && parts[2] == "lensReviews" => "ListLensReviews",
            ("GET", 4) when parts[0] == "workloads" && parts[2] == "lensReviews" => "GetLensReview",
            ("GET", 5) when parts[0] == "workloads" && parts[2] == "lensReviews" && parts[4] == "answers" => "ListAnswers",
            _ => null,
        };
    }

    public static JsonNode? Handle(SimulatedContext c, string operation)
    {
        var workloads = Workloads.GetValue(c.Account, _ => []);
        switch (operation)
        {
            case "ListWorkloads":
                var prefix = c.String("WorkloadNamePrefix") ?? "";
                var matching = workloads.Where(w => w.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                var start = SimulatedContext.FromToken(c.String("NextToken"));
                var max = c.Int("MaxResults") ?? 50;
                var list = new JsonObject { ["WorkloadSummaries"] = new JsonArray([.. matching.Skip(start).Take(max).Select(w => (JsonNode)Summary(c, w))]) };
                if (start + max < matching.Count)
                {
                    list["NextToken"] = SimulatedContext.Token(start + max);
                }

                return list;
            case "CreateWorkload":
                return Create(c, workloads);
        }

        var parts = c.RawPath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var workload = workloads.FirstOrDefault(w => w.Id == parts[1])
            ?? throw new SimulatedAwsException(404, "ResourceNotFoundException", $"Workload {parts[1]} does not exist.");
        if (operation == "ListLensReviews")
        {
            return new JsonObject
            {
                ["WorkloadId"] = workload.Id,
                ["LensReviewSummaries"] = new JsonArray(new JsonObject
                {
                    ["LensAlias"] = Lens, ["LensArn"] = LensArn, ["LensVersion"] = "2024-06-27", ["LensName"] = "AWS Well-Architected Framework",
                    ["LensStatus"] = "CURRENT", ["UpdatedAt"] = workload.Created.ToUnixTimeSeconds(), ["RiskCounts"] = Counts(LensCounts(c.Account.AccountId)),
                }),
            };
        }

        if (parts[3] != Lens)
        {
            throw new SimulatedAwsException(404, "ResourceNotFoundException", $"Lens {parts[3]} is not applied to workload {workload.Id}.");
        }

        return operation == "GetLensReview" ? LensReview(c, workload) : Answers(c, workload);
    }

    /// <summary>HIGH, MEDIUM or NONE for a question of the account's review.</summary>
    internal static string RiskOf(string accountId, string questionId) =>
        (SimulatedComputeOptimizerResources.Seed(accountId, "wa/" + questionId, 0) % 10) switch
        {
            < 3 => "HIGH",
            < 7 => "MEDIUM",
            _ => "NONE",
        };

    private const string LensArn = "arn:aws:wellarchitected::aws:lens/wellarchitected";

    private static JsonObject Create(SimulatedContext c, List<Workload> workloads)
    {
        var name = c.String("WorkloadName") ?? throw SimulatedContext.Invalid("ValidationException", "WorkloadName is required.");
        var token = c.String("ClientRequestToken") ?? throw SimulatedContext.Invalid("ValidationException", "ClientRequestToken is required.");
        if (c.Body["Lenses"] is not JsonArray lenses || lenses.All(l => l?.GetValue<string>() != Lens))
        {
            throw SimulatedContext.Invalid("ValidationException", "Lenses must include wellarchitected.");
        }

        var existing = workloads.FirstOrDefault(w => w.Token == token);
        if (existing is null)
        {
            if (workloads.Any(w => w.Name == name))
            {
                throw new SimulatedAwsException(409, "ConflictException", $"A workload named {name} already exists.");
            }

            var id = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{c.Account.AccountId}/{token}")))[..32].ToLowerInvariant();
            existing = new Workload(id, name, token, c.Now);
            workloads.Add(existing);
        }

        return new JsonObject { ["WorkloadId"] = existing.Id, ["WorkloadArn"] = Arn(c, existing) };
    }

    private static JsonObject Summary(SimulatedContext c, Workload w) => new()
    {
        ["WorkloadId"] = w.Id, ["WorkloadArn"] = Arn(c, w), ["WorkloadName"] = w.Name, ["Owner"] = c.Account.AccountId,
        ["UpdatedAt"] = w.Created.ToUnixTimeSeconds(), ["Lenses"] = new JsonArray(Lens), ["RiskCounts"] = Counts(LensCounts(c.Account.AccountId)),
        ["ImprovementStatus"] = "NOT_STARTED",
    };

    private static JsonObject LensReview(SimulatedContext c, Workload w) => new()
    {
        ["WorkloadId"] = w.Id,
        ["LensReview"] = new JsonObject
        {
            ["LensAlias"] = Lens, ["LensArn"] = LensArn, ["LensVersion"] = "2024-06-27", ["LensName"] = "AWS Well-Architected Framework",
            ["LensStatus"] = "CURRENT",
            ["PillarReviewSummaries"] = new JsonArray([.. Pillars.Select(p => (JsonNode)new JsonObject
            {
                ["PillarId"] = p.Id, ["PillarName"] = p.Name, ["RiskCounts"] = Counts(PillarCounts(c.Account.AccountId, p.Id)),
            })]),
            ["UpdatedAt"] = w.Created.ToUnixTimeSeconds(),
            ["RiskCounts"] = Counts(LensCounts(c.Account.AccountId)),
        },
    };

    private static JsonObject Answers(SimulatedContext c, Workload w)
    {
        var pillar = c.Query.GetValueOrDefault("PillarId");
        var questions = pillar is null or "security" ? SecurityQuestions : [];
        var max = c.Query.TryGetValue("MaxResults", out var m) ? int.Parse(m, CultureInfo.InvariantCulture) : 50;
        var start = SimulatedContext.FromToken(c.Query.GetValueOrDefault("NextToken"));
        var result = new JsonObject
        {
            ["WorkloadId"] = w.Id, ["LensAlias"] = Lens, ["LensArn"] = LensArn,
            ["AnswerSummaries"] = new JsonArray([.. questions.Skip(start).Take(max).Select((q, i) => (JsonNode)Answer(c.Account.AccountId, q, start + i))]),
        };
        if (start + max < questions.Length)
        {
            result["NextToken"] = SimulatedContext.Token(start + max);
        }

        return result;
    }

    private static JsonObject Answer(string accountId, (string Id, string Title) q, int index)
    {
        var risk = RiskOf(accountId, q.Id);
        var missing = risk switch { "HIGH" => 2, "MEDIUM" => 1, _ => 0 };
        var number = index + 1;
        var choices = Enumerable.Range(1, 4).Select(k => new JsonObject
        {
            ["ChoiceId"] = $"sec_{q.Id.Replace('-', '_')}_{k}",
            ["Title"] = $"SEC{number:D2}-BP{k:D2}",
            ["Description"] = $"Best practice {k} of SEC {number}: {q.Title}",
            ["ImprovementPlan"] = new JsonObject
            {
                ["DisplayText"] = $"SEC{number:D2}-BP{k:D2} improvement plan",
                ["Url"] = $"https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_{q.Id.Replace('-', '_')}_bp{k}.html",
            },
        }).ToList();
        return new JsonObject
        {
            ["QuestionId"] = q.Id, ["PillarId"] = "security", ["QuestionTitle"] = q.Title,
            ["Choices"] = new JsonArray([.. choices]),
            ["SelectedChoices"] = new JsonArray([.. choices.Take(4 - missing).Select(ch => (JsonNode)JsonValue.Create(ch["ChoiceId"]!.GetValue<string>())!)]),
            ["IsApplicable"] = true, ["Risk"] = risk, ["QuestionType"] = "NON_PRIORITIZED",
        };
    }

    private static Dictionary<string, int> LensCounts(string accountId)
    {
        var total = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, _) in Pillars)
        {
            foreach (var (risk, n) in PillarCounts(accountId, id))
            {
                total[risk] = total.GetValueOrDefault(risk) + n;
            }
        }

        return total;
    }

    private static Dictionary<string, int> PillarCounts(string accountId, string pillar)
    {
        if (pillar == "security")
        {
            return SecurityQuestions.GroupBy(q => RiskOf(accountId, q.Id)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }

        var seed = SimulatedComputeOptimizerResources.Seed(accountId, "wa-pillar", pillar.Length);
        return new Dictionary<string, int>(StringComparer.Ordinal) { ["HIGH"] = seed % 3, ["MEDIUM"] = 2 + (seed % 4), ["NONE"] = 3, ["UNANSWERED"] = 1 };
    }

    private static JsonObject Counts(Dictionary<string, int> counts) =>
        new([.. counts.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))]);

    private static string Arn(SimulatedContext c, Workload w) => $"arn:aws:wellarchitected:{c.Region}:{c.Account.AccountId}:workload/{w.Id}";

    private sealed record Workload(string Id, string Name, string Token, DateTimeOffset Created);
}
