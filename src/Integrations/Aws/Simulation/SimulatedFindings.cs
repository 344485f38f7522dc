using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>
/// Security Hub findings of a simulated account: consolidated control findings (ASFF) of real Security Hub
/// controls across 26 services, associated with AWS FSBP and/or CIS 1.4.0. Finding <c>n</c> of an account is
/// always the same (seeded by account id and index), so pages, retries and report figures are reproducible.
/// </summary>
internal static class SimulatedFindings
{
    /// <summary>AWS Foundational Security Best Practices v1.0.0 (standards id as in <c>AssociatedStandards</c>).</summary>
    public const string Fsbp = "standards/aws-foundational-security-best-practices/v/1.0.0";

    /// <summary>CIS AWS Foundations Benchmark v1.4.0.</summary>
    public const string Cis = "standards/cis-aws-foundations-benchmark/v/1.4.0";

    private static readonly string[] Both = [Fsbp, Cis];
    private static readonly string[] FsbpOnly = [Fsbp];
    private static readonly string[] CisOnly = [Cis];

    /// <summary>Control id, severity, title, resource type, standards, and how often (in 100) a finding of it fails.</summary>
    internal static readonly (string Control, string Severity, string Title, string ResourceType, string[] Standards, int FailPercent)[] Controls =
    [
        ("ACM.1", "MEDIUM", "Imported and ACM-issued certificates should be renewed after a specified time period", "AwsCertificateManagerCertificate", FsbpOnly, 20),
        ("APIGateway.1", "MEDIUM", "API Gateway REST and WebSocket API execution logging should be enabled", "AwsApiGatewayStage", FsbpOnly, 60),
        ("AutoScaling.1", "LOW", "Auto Scaling groups associated with a load balancer should use ELB health checks", "AwsAutoScalingAutoScalingGroup", FsbpOnly, 40),
        ("CloudFront.1", "HIGH", "CloudFront distributions should have a default root object configured", "AwsCloudFrontDistribution", FsbpOnly, 30),
        ("CloudTrail.1", "HIGH", "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events", "AwsAccount", Both, 50),
        ("CloudTrail.2", "MEDIUM", "CloudTrail should have encryption at-rest enabled", "AwsCloudTrailTrail", Both, 70),
        ("CodeBuild.1", "CRITICAL", "CodeBuild Bitbucket source repository URLs should not contain sensitive credentials", "AwsCodeBuildProject", FsbpOnly, 5),
        ("Config.1", "MEDIUM", "AWS Config should be enabled and use the service-linked role for resource recording", "AwsAccount", Both, 10),
        ("DynamoDB.1", "MEDIUM", "DynamoDB tables should automatically scale capacity with demand", "AwsDynamoDbTable", FsbpOnly, 45),
        ("EC2.2", "HIGH", "VPC default security groups should not allow inbound or outbound traffic", "AwsEc2SecurityGroup", Both, 55),
        ("EC2.8", "HIGH", "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)", "AwsEc2Instance", FsbpOnly, 65),
        ("EC2.9", "HIGH", "Amazon EC2 instances should not have a public IPv4 address", "AwsEc2Instance", FsbpOnly, 35),
        ("EC2.19", "CRITICAL", "Security groups should not allow unrestricted access to ports with high risk", "AwsEc2SecurityGroup", FsbpOnly, 15),
        ("ECR.1", "HIGH", "ECR private repositories should have image scanning configured", "AwsEcrRepository", FsbpOnly, 40),
        ("ECS.12", "MEDIUM", "ECS clusters should use Container Insights", "AwsEcsCluster", FsbpOnly, 70),
        ("EFS.1", "MEDIUM", "Elastic File System should be configured to encrypt file data at-rest using AWS KMS", "AwsEfsFileSystem", Both, 25),
        ("EKS.2", "HIGH", "EKS clusters should run on a supported Kubernetes version", "AwsEksCluster", FsbpOnly, 30),
        ("ELB.4", "MEDIUM", "Application Load Balancer should be configured to drop invalid http headers", "AwsElbv2LoadBalancer", FsbpOnly, 60),
        ("GuardDuty.1", "HIGH", "GuardDuty should be enabled", "AwsAccount", FsbpOnly, 50),
        ("IAM.1", "HIGH", "IAM policies should not allow full \"*\" administrative privileges", "AwsIamPolicy", Both, 20),
        ("IAM.3", "MEDIUM", "IAM users' access keys should be rotated every 90 days or less", "AwsIamUser", Both, 45),
        ("IAM.4", "CRITICAL", "IAM root user access key should not exist", "AwsAccount", Both, 10),
        ("IAM.6", "CRITICAL", "Hardware MFA should be enabled for the root user", "AwsAccount", Both, 60),
        ("KMS.4", "MEDIUM", "AWS KMS key rotation should be enabled", "AwsKmsKey", CisOnly, 50),
        ("Lambda.1", "CRITICAL", "Lambda function policies should prohibit public access", "AwsLambdaFunction", FsbpOnly, 5),
        ("Lambda.2", "MEDIUM", "Lambda functions should use supported runtimes", "AwsLambdaFunction", FsbpOnly, 35),
        ("OpenSearch.1", "MEDIUM", "OpenSearch domains should have encryption at rest enabled", "AwsOpenSearchServiceDomain", FsbpOnly, 20),
        ("RDS.2", "CRITICAL", "RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration", "AwsRdsDbInstance", FsbpOnly, 10),
        ("RDS.3", "MEDIUM", "RDS DB instances should have encryption at-rest enabled", "AwsRdsDbInstance", Both, 30),
        ("Redshift.1", "CRITICAL", "Amazon Redshift clusters should prohibit public access", "AwsRedshiftCluster", FsbpOnly, 10),
        ("S3.1", "MEDIUM", "S3 general purpose buckets should have block public access settings enabled", "AwsAccount", Both, 40),
        ("S3.5", "MEDIUM", "S3 general purpose buckets should require requests to use SSL", "AwsS3Bucket", Both, 55),
        ("S3.8", "HIGH", "S3 general purpose buckets should block public access", "AwsS3Bucket", Both, 15),
        ("S3.9", "MEDIUM", "S3 general purpose buckets should have server access logging enabled", "AwsS3Bucket", FsbpOnly, 75),
        ("SecretsManager.1", "MEDIUM", "Secrets Manager secrets should have automatic rotation enabled", "AwsSecretsManagerSecret", FsbpOnly, 50),
        ("SNS.1", "MEDIUM", "SNS topics should be encrypted at-rest using AWS KMS", "AwsSnsTopic", FsbpOnly, 60),
        ("SQS.1", "MEDIUM", "Amazon SQS queues should be encrypted at rest", "AwsSqsQueue", FsbpOnly, 30),
        ("SSM.1", "MEDIUM", "Amazon EC2 instances should be managed by AWS Systems Manager", "AwsEc2Instance", FsbpOnly, 40),
        ("EC2.6", "MEDIUM", "VPC flow logging should be enabled in all VPCs", "AwsEc2Vpc", Both, 50),
        ("IAM.9", "MEDIUM", "MFA should be enabled for the root user", "AwsAccount", CisOnly, 5),
    ];

    private static readonly Dictionary<string, int> Normalized = new(StringComparer.Ordinal)
    {
        ["CRITICAL"] = 90, ["HIGH"] = 70, ["MEDIUM"] = 40, ["LOW"] = 1, ["INFORMATIONAL"] = 0,
    };

    /// <summary>Finding <paramref name="index"/> of the account, as GetFindings returns it.</summary>
    public static JsonObject Finding(string accountId, string region, int index, DateTimeOffset now)
    {
        var seed = Seed(accountId, index);
        var t = Controls[(int)(seed % (uint)Controls.Length)];
        var failed = (seed >> 8) % 100 < (uint)t.FailPercent;
        var resourceId = ResourceId(t.ResourceType, accountId, region, index);
        var created = Stamp(now.AddDays(-(index % 30) - 1));
        var updated = Stamp(now.AddHours(-(index % 24)));
        var standards = new JsonArray([.. t.Standards.Select(s => (JsonNode)new JsonObject { ["StandardsId"] = s })]);
        return new JsonObject
        {
            ["SchemaVersion"] = "2018-10-08",
            ["Id"] = $"arn:aws:securityhub:{region}:{accountId}:security-control/{t.Control}/finding/{FindingGuid(seed, index)}",
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
            ["Severity"] = new JsonObject { ["Label"] = failed ? t.Severity : "INFORMATIONAL", ["Normalized"] = failed ? Normalized[t.Severity] : 0, ["Original"] = t.Severity },
            ["Title"] = t.Title,
            ["Description"] = $"This AWS control checks: {t.Title}.",
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
            ["Compliance"] = new JsonObject
            {
                ["Status"] = failed ? "FAILED" : "PASSED", ["SecurityControlId"] = t.Control, ["AssociatedStandards"] = standards,
            },
            ["Workflow"] = new JsonObject { ["Status"] = failed ? "NEW" : "RESOLVED" },
            ["WorkflowState"] = failed ? "NEW" : "RESOLVED",
            ["RecordState"] = "ACTIVE",
        };
    }

    /// <summary>Finding <paramref name="index"/>'s severity label without building it (insight counts over 100,000 findings).</summary>
    public static string SeverityLabel(string accountId, int index)
    {
        var seed = Seed(accountId, index);
        var t = Controls[(int)(seed % (uint)Controls.Length)];
        return (seed >> 8) % 100 < (uint)t.FailPercent ? t.Severity : "INFORMATIONAL";
    }

    private static string ResourceId(string type, string accountId, string region, int index) => type switch
    {
        "AwsAccount" => $"AWS::::Account:{accountId}",
        "AwsS3Bucket" => $"arn:aws:s3:::example-{accountId}-{index:D6}",
        "AwsEc2Instance" => $"arn:aws:ec2:{region}:{accountId}:instance/i-{index:x17}",
        "AwsEc2SecurityGroup" => $"arn:aws:ec2:{region}:{accountId}:security-group/sg-{index:x17}",
        "AwsEc2Vpc" => $"arn:aws:ec2:{region}:{accountId}:vpc/vpc-{index:x17}",
        "AwsRdsDbInstance" => $"arn:aws:rds:{region}:{accountId}:db:app-db-{index}",
        "AwsElbv2LoadBalancer" => $"arn:aws:elasticloadbalancing:{region}:{accountId}:loadbalancer/app/web-{index}/{index:x16}",
        "AwsIamPolicy" => $"arn:aws:iam::{accountId}:policy/policy-{index}",
        "AwsIamUser" => $"arn:aws:iam::{accountId}:user/user-{index}",
        "AwsLambdaFunction" => $"arn:aws:lambda:{region}:{accountId}:function:fn-{index}",
        "AwsKmsKey" => $"arn:aws:kms:{region}:{accountId}:key/{index:x8}-0000-4000-8000-{index:x12}",
        "AwsCloudFrontDistribution" => $"arn:aws:cloudfront::{accountId}:distribution/E{index:X12}",
        _ => $"arn:aws:{type[3..].ToLowerInvariant()}:{region}:{accountId}:resource/r-{index}",
    };

    private static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static uint Seed(string accountId, int index)
    {
        // FNV-1a over the account id, then a 32-bit mix with the index: cheap enough for 100,000 findings.
        var hash = 2166136261u;
        foreach (var c in accountId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var x = hash ^ (uint)index * 0x9E3779B9u;
        x ^= x >> 16;
        x *= 0x7FEB352Du;
        x ^= x >> 15;
        x *= 0x846CA68Bu;
        return x ^ (x >> 16);
    }

    /// <summary>A stable pseudo-GUID so the same finding keeps its id across pages and runs.</summary>
    private static string FindingGuid(uint seed, int index) =>
        new Guid((int)seed, (short)(index & 0x7FFF), (short)(0x4000 | ((index >> 15) & 0x0FFF)), SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{index}"))[..8]).ToString();
}
