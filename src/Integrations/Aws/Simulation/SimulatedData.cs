using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>Deterministic, realistic data for a simulated account (same account id → same data).</summary>
internal static class SimulatedData
{
    public static readonly (string Id, string Name, string Category, double Savings, string Status)[] Checks =
    [
        ("Qch7DwouX1", "Low Utilization Amazon EC2 Instances", "cost_optimizing", 412.80, "warning"),
        ("DAvU99Dc4C", "Underutilized Amazon EBS Volumes", "cost_optimizing", 58.40, "warning"),
        ("hjLMh88uM8", "Idle Load Balancers", "cost_optimizing", 18.25, "warning"),
        ("Pfx0RwqBli", "Amazon S3 Bucket Permissions", "security", 0, "ok"),
        ("HCP4007jGY", "Security Groups - Specific Ports Unrestricted", "security", 0, "error"),
        ("7DAFEmoDos", "MFA on Root Account", "security", 0, "error"),
        ("H7IgTzjTYb", "Amazon EBS Snapshots", "fault_tolerance", 0, "warning"),
        ("f2iK5R6Dep", "Amazon RDS Multi-AZ", "fault_tolerance", 0, "warning"),
        ("eW7HH0l7J9", "Service Limits", "service_limits", 0, "ok"),
        ("ZRxQlPsb6c", "High Utilization Amazon EC2 Instances", "performance", 0, "ok"),
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
