using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

internal static class SimulatedSecurityHub
{
    public static JsonNode? Handle(SimulatedContext c, string operation)
    {
        var account = c.Account;
        if (operation == "EnableSecurityHub")
        {
            if (account.SecurityHubRegions.Contains(c.Region))
            {
                throw new SimulatedAwsException(409, "ResourceConflictException", "Account is already subscribed to Security Hub.");
            }

            account.SecurityHubRegions.Add(c.Region);
            account.SecurityHubSubscribedAt = c.Now;
            if (c.Body["EnableDefaultStandards"]?.GetValue<bool>() != false)
            {
                account.EnabledStandards.Add($"arn:aws:securityhub:{c.Region}::standards/aws-foundational-security-best-practices/v/1.0.0");
                account.EnabledStandards.Add("arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0");
            }

            return new JsonObject();
        }

        if (!account.SecurityHubRegions.Contains(c.Region))
        {
            throw new SimulatedAwsException(401, "InvalidAccessException",
                $"Account {account.AccountId} is not subscribed to AWS Security Hub in {c.Region}");
        }

        switch (operation)
        {
            case "DescribeHub":
                return new JsonObject
                {
                    ["HubArn"] = $"arn:aws:securityhub:{c.Region}:{account.AccountId}:hub/default",
                    ["SubscribedAt"] = (account.SecurityHubSubscribedAt ?? c.Now).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                    ["AutoEnableControls"] = true,
                    ["ControlFindingGenerator"] = "SECURITY_CONTROL",
                };
            case "DisableSecurityHub":
                account.SecurityHubRegions.Remove(c.Region);
                account.EnabledStandards.Clear();
                return new JsonObject();
            case "GetEnabledStandards":
                return new JsonObject { ["StandardsSubscriptions"] = Subscriptions(c, account.EnabledStandards) };
            case "BatchEnableStandards":
                if (c.Body["StandardsSubscriptionRequests"] is not JsonArray { Count: >= 1 and <= 25 } requests)
                {
                    throw SimulatedContext.Invalid("InvalidInputException", "StandardsSubscriptionRequests must list 1 to 25 standards.");
                }

                var arns = requests.Select(r => r!["StandardsArn"]!.GetValue<string>()).ToList();
                account.EnabledStandards.AddRange(arns.Except(account.EnabledStandards).ToList());
                return new JsonObject { ["StandardsSubscriptions"] = Subscriptions(c, arns) };
            case "BatchDisableStandards":
                if (c.Body["StandardsSubscriptionArns"] is not JsonArray { Count: >= 1 and <= 25 } subscriptions)
                {
                    throw SimulatedContext.Invalid("InvalidInputException", "StandardsSubscriptionArns must list 1 to 25 subscriptions.");
                }

                var off = account.EnabledStandards.Where(arn => subscriptions.Any(s => s!.GetValue<string>() == SubscriptionArn(c, arn))).ToList();
                account.EnabledStandards.RemoveAll(off.Contains);
                return new JsonObject { ["StandardsSubscriptions"] = Subscriptions(c, off) };
            case "GetFindings":
                return Findings(c);
            case "CreateInsight":
                return SimulatedInsights.Create(c);
            case "GetInsightResults":
                return SimulatedInsights.Results(c);
            case "DeleteInsight":
                return SimulatedInsights.Delete(c);
            default:
                throw new SimulatedAwsException(400, "UnknownOperationException", operation);
        }
    }

    private static JsonArray Subscriptions(SimulatedContext c, IEnumerable<string> standards) =>
        new([.. standards.Select(arn => (JsonNode)new JsonObject
        {
            ["StandardsSubscriptionArn"] = SubscriptionArn(c, arn),
            ["StandardsArn"] = arn,
            ["StandardsInput"] = new JsonObject(),
            ["StandardsStatus"] = "READY",
        })]);

    private static string SubscriptionArn(SimulatedContext c, string standardsArn) =>
        $"arn:aws:securityhub:{c.Region}:{c.Account.AccountId}:subscription/{standardsArn.Split('/', 2)[^1]}";

    private static JsonObject Findings(SimulatedContext c)
    {
        var max = c.Int("MaxResults") ?? 100;
        if (max is < 1 or > 100)
        {
            throw SimulatedContext.Invalid("InvalidInputException", "MaxResults must be between 1 and 100.");
        }

        var severities = Values(c.Body["Filters"]?["SeverityLabel"]);
        var start = SimulatedContext.FromToken(c.String("NextToken"));
        var page = new JsonArray();
        var index = start;
        for (; index < c.Account.FindingCount && page.Count < max; index++)
        {
            var finding = SimulatedFindings.Finding(c.Account.AccountId, c.Region, index, c.Now);
            if (severities.Count == 0 || severities.Contains(finding["Severity"]!["Label"]!.GetValue<string>()))
            {
                page.Add(finding);
            }
        }

        var result = new JsonObject { ["Findings"] = page };
        if (index < c.Account.FindingCount)
        {
            result["NextToken"] = SimulatedContext.Token(index);
        }

        return result;
    }

    private static HashSet<string> Values(JsonNode? filters) =>
        filters is JsonArray array
            ? array.Where(f => f?["Comparison"]?.GetValue<string>() is null or "EQUALS").Select(f => f!["Value"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal)
            : [];
}
