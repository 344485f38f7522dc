using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>Deterministic, realistic data for a simulated account (same account id → same data).</summary>
internal static class SimulatedData
{
    private static readonly (string Label, int Normalized, string Control, string Title, string ResourceType)[] FindingTemplates =
    [
        ("CRITICAL", 90, "IAM.6", "Hardware MFA should be enabled for the root user", "AwsAccount"),
        ("CRITICAL", 90, "S3.1", "S3 Block Public Access setting should be enabled", "AwsAccount"),
        ("HIGH", 70, "EC2.19", "Security groups should not allow unrestricted access to ports with high risk", "AwsEc2SecurityGroup"),
        ("HIGH", 70, "RDS.2", "RDS DB Instances should prohibit public access", "AwsRdsDbInstance"),
        ("HIGH", 70, "CloudTrail.1", "CloudTrail should be enabled and configured with at least one multi-Region trail", "AwsAccount"),
        ("MEDIUM", 40, "EC2.2", "VPC default security groups should not allow inbound or outbound traffic", "AwsEc2SecurityGroup"),
        ("MEDIUM", 40, "S3.5", "S3 general purpose buckets should require requests to use SSL", "AwsS3Bucket"),
        ("MEDIUM", 40, "EC2.8", "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)", "AwsEc2Instance"),
        ("MEDIUM", 40, "ELB.4", "Application Load Balancer should be configured to drop invalid http headers", "AwsElbv2LoadBalancer"),
        ("LOW", 1, "EC2.9", "EC2 instances should not have a public IPv4 address", "AwsEc2Instance"),
        ("LOW", 1, "S3.9", "S3 general purpose buckets should have server access logging enabled", "AwsS3Bucket"),
        ("INFORMATIONAL", 0, "IAM.1", "IAM policies should not allow full \"*\" administrative privileges", "AwsIamPolicy"),
    ];

    public static JsonObject Finding(string accountId, string region, int index, DateTimeOffset now)
    {
        var t = FindingTemplates[index % FindingTemplates.Length];
        var resourceId = t.ResourceType switch
        {
            "AwsAccount" => $"AWS::::Account:{accountId}",
            "AwsS3Bucket" => $"arn:aws:s3:::example-{accountId}-{index:D5}",
            "AwsEc2Instance" => $"arn:aws:ec2:{region}:{accountId}:instance/i-{index:x17}",
            "AwsEc2SecurityGroup" => $"arn:aws:ec2:{region}:{accountId}:security-group/sg-{index:x17}",
            "AwsRdsDbInstance" => $"arn:aws:rds:{region}:{accountId}:db:app-db-{index}",
            "AwsElbv2LoadBalancer" => $"arn:aws:elasticloadbalancing:{region}:{accountId}:loadbalancer/app/web/{index:x16}",
            _ => $"arn:aws:iam::{accountId}:policy/policy-{index}",
        };
        var created = now.AddDays(-(index % 30) - 1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var updated = now.AddHours(-(index % 24)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["SchemaVersion"] = "2018-10-08",
            ["Id"] = $"arn:aws:securityhub:{region}:{accountId}:security-control/{t.Control}/finding/{Guid(accountId, index)}",
            ["ProductArn"] = $"arn:aws:securityhub:{region}::product/aws/securityhub",
            ["ProductName"] = "Security Hub",
            ["CompanyName"] = "AWS",
            ["Region"] = region,
            ["GeneratorId"] = $"security-control/{t.Control}",
            ["AwsAccountId"] = accountId,
            ["Types"] = new JsonArray("Software and Configuration Checks/Industry and Regulatory Standards"),
            ["FirstObservedAt"] = created,
            ["LastObservedAt"] = updated,
            ["CreatedAt"] = created,
            ["UpdatedAt"] = updated,
            ["Severity"] = new JsonObject { ["Label"] = t.Label, ["Normalized"] = t.Normalized, ["Original"] = t.Label },
            ["Title"] = $"{t.Control} {t.Title}",
            ["Description"] = $"This control checks whether {t.Title[0].ToString().ToLowerInvariant()}{t.Title[1..]}.",
            ["Remediation"] = new JsonObject
            {
                ["Recommendation"] = new JsonObject
                {
                    ["Text"] = "For information on how to correct this issue, consult the AWS Security Hub controls documentation.",
                    ["Url"] = $"https://docs.aws.amazon.com/console/securityhub/{t.Control}/remediation",
                },
            },
            ["Resources"] = new JsonArray(new JsonObject
            {
                ["Type"] = t.ResourceType, ["Id"] = resourceId, ["Partition"] = "aws", ["Region"] = region,
            }),
            ["Compliance"] = new JsonObject { ["Status"] = t.Label == "INFORMATIONAL" ? "PASSED" : "FAILED", ["SecurityControlId"] = t.Control },
            ["Workflow"] = new JsonObject { ["Status"] = "NEW" },
            ["RecordState"] = "ACTIVE",
        };
    }

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

    /// <summary>A stable pseudo-GUID so the same finding keeps its id across pages and runs.</summary>
    private static string Guid(string accountId, int index) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{accountId}/{index}"))[..16]).ToString();
}
