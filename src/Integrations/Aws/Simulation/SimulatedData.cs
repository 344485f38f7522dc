using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>Deterministic, realistic data for a simulated account (same account id → same data).</summary>
internal static class SimulatedData
{
    /// <summary>
    /// Trusted Advisor checks with their real check ids: 8 cost and 12 security checks (plus fault tolerance, limits and
    /// performance), each with the resources it flags and, for cost checks, the estimated monthly savings (USD) shared out
    /// over the flagged resources.
    /// </summary>
    public static readonly SimulatedCheck[] Checks =
    [
        new("Qch7DwouX1", "Low Utilization Amazon EC2 Instances", "cost_optimizing", 412.80, "warning", 6, 38, "i-0{0}"),
        new("DAvU99Dc4C", "Underutilized Amazon EBS Volumes", "cost_optimizing", 58.40, "warning", 8, 64, "vol-0{0}"),
        new("hjLMh88uM8", "Idle Load Balancers", "cost_optimizing", 36.50, "warning", 2, 7, "alb-idle-{0}"),
        new("Ti39halfu8", "Amazon RDS Idle DB Instances", "cost_optimizing", 286.16, "warning", 2, 9, "db-idle-{0}"),
        new("Z4AUBRNSmz", "Unassociated Elastic IP Addresses", "cost_optimizing", 14.60, "warning", 4, 12, "eipalloc-0{0}"),
        new("cX3c2R1chu", "Amazon EC2 Reserved Instances Optimization", "cost_optimizing", 624.00, "warning", 5, 38, "m5.large-{0}"),
        new("G31sQ1E9U", "Underutilized Amazon Redshift Clusters", "cost_optimizing", 0, "ok", 0, 1, "redshift-{0}"),
        new("1e93e4c0b5", "Amazon EC2 Reserved Instance Lease Expiration", "cost_optimizing", 0, "ok", 0, 4, "ri-{0}"),
        new("Pfx0RwqBli", "Amazon S3 Bucket Permissions", "security", 0, "warning", 2, 31, "logs-bucket-{0}"),
        new("HCP4007jGY", "Security Groups - Specific Ports Unrestricted", "security", 0, "error", 5, 46, "sg-0{0}"),
        new("1iG5NDGVre", "Security Groups - Unrestricted Access", "security", 0, "error", 3, 46, "sg-1{0}"),
        new("7DAFEmoDos", "MFA on Root Account", "security", 0, "error", 1, 1, "root-{0}"),
        new("Yw2K9puPzl", "IAM Password Policy", "security", 0, "warning", 1, 1, "password-policy-{0}"),
        new("DqdJqYeRm5", "IAM Access Key Rotation", "security", 0, "warning", 4, 17, "AKIA{0}"),
        new("vjafUGJ9H0", "AWS CloudTrail Logging", "security", 0, "warning", 2, 17, "trail-{0}"),
        new("zXCkfM1nI3", "IAM Use", "security", 0, "ok", 0, 1, "iam-{0}"),
        new("nNauJisYIT", "Amazon RDS Security Group Access Risk", "security", 0, "ok", 0, 9, "rds-sg-{0}"),
        new("ePs02jT06w", "Amazon EBS Public Snapshots", "security", 0, "ok", 0, 120, "snap-0{0}"),
        new("rSs93HQwa1", "Amazon RDS Public Snapshots", "security", 0, "ok", 0, 24, "rds-snap-{0}"),
        new("12Fnkpl8Y5", "Exposed Access Keys", "security", 0, "ok", 0, 17, "AKIA{0}"),
        new("H7IgTzjTYb", "Amazon EBS Snapshots", "fault_tolerance", 0, "warning", 3, 64, "vol-1{0}"),
        new("f2iK5R6Dep", "Amazon RDS Multi-AZ", "fault_tolerance", 0, "warning", 2, 9, "db-{0}"),
        new("eW7HH0l7J9", "Service Limits", "service_limits", 0, "ok", 0, 52, "limit-{0}"),
        new("ZRxQlPsb6c", "High Utilization Amazon EC2 Instances", "performance", 0, "ok", 0, 38, "i-1{0}"),
    ];

    public static readonly (string Service, double Monthly)[] MonthlyCosts =
    [
        ("Amazon Elastic Compute Cloud - Compute", 1843.12),
        ("Amazon Relational Database Service", 962.40),
        ("Amazon Simple Storage Service", 121.77),
        ("Elastic Load Balancing", 44.63),
        ("Amazon CloudFront", 37.05),
        ("AWS Security Hub", 2.18),
        ("AWS Config", 3.42),
        ("Tax", 301.46),
    ];

    public static readonly (string Name, string Type, string Finding, string Recommended, double Cpu, double Savings)[] Instances =
    [
        ("web-01", "m5.xlarge", "Overprovisioned", "m5.large", 11.5, 70.08),
        ("web-02", "m5.xlarge", "Overprovisioned", "m6g.large", 9.8, 83.95),
        ("batch-01", "c5.large", "Underprovisioned", "c5.xlarge", 97.2, 0),
        ("bastion", "t3.small", "Optimized", "t3.small", 2.1, 0),
        ("app-01", "r5.2xlarge", "Overprovisioned", "r5.xlarge", 18.4, 262.80),
    ];
}

/// <summary>One simulated Trusted Advisor check: <paramref name="Flagged"/> of <paramref name="Processed"/> resources are flagged.</summary>
internal sealed record SimulatedCheck(string Id, string Name, string Category, double Savings, string Status, int Flagged, int Processed, string ResourcePattern)
{
    /// <summary>The flagged resource's id (1-based), deterministic per account.</summary>
    public string ResourceId(string accountId, int index)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{accountId}/{Id}/{index}")))[..16];
        return string.Format(CultureInfo.InvariantCulture, ResourcePattern, ResourcePattern.StartsWith("AKIA", StringComparison.Ordinal) ? hash.ToUpperInvariant() : hash);
    }

    /// <summary>The flagged resource's share of the estimated monthly savings (the first ones carry the larger shares).</summary>
    public double SavingsOf(int index)
    {
        if (Flagged == 0 || Savings == 0)
        {
            return 0;
        }

        var weights = Enumerable.Range(1, Flagged).Sum(i => Flagged + 1 - i);
        return Math.Round(Savings * (Flagged + 1 - index) / weights, 2);
    }
}
