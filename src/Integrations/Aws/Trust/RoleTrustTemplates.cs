using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Trust;

/// <summary>
/// The documents the portal shows a customer to create a role (TOOL-1): the trust policy, the
/// permission policy and a ready CloudFormation template in JSON or YAML.
/// </summary>
public static class RoleTrustTemplates
{
    /// <summary>The roles' MaxSessionDuration; Aws:SessionDurationSeconds may not exceed it (STS would refuse every AssumeRole).</summary>
    public const int MaxSessionDurationSeconds = 3600;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ConfigBucketName(string accountId) => $"cloudpack-plus-config-{accountId}";

    /// <summary>Only the provider's principal, and only with the company's external id, may assume the role.</summary>
    public static JsonObject TrustPolicy(string providerPrincipalArn, string externalId) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Sid"] = "CloudpackPlusAssumeRole",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = providerPrincipalArn },
            ["Action"] = "sts:AssumeRole",
            ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = externalId } },
        }),
    };

    public static JsonObject PermissionPolicy(AwsRolePurpose purpose)
    {
        var statements = new JsonArray(new JsonObject
        {
            ["Sid"] = purpose == AwsRolePurpose.Diagnosis ? "CloudpackPlusDiagnosis" : "CloudpackPlusReadOnly",
            ["Effect"] = "Allow",
            ["Action"] = new JsonArray([.. AwsRolePermissions.For(purpose).Select(a => (JsonNode)a)]),
            ["Resource"] = "*",
        });
        if (purpose == AwsRolePurpose.Diagnosis)
        {
            // Config and Security Hub run under their service-linked roles, created on first enable.
            statements.Add(new JsonObject
            {
                ["Sid"] = "ServiceLinkedRoles",
                ["Effect"] = "Allow",
                ["Action"] = "iam:CreateServiceLinkedRole",
                ["Resource"] = "*",
                ["Condition"] = new JsonObject
                {
                    ["StringEquals"] = new JsonObject
                    {
                        ["iam:AWSServiceName"] = new JsonArray("config.amazonaws.com", "securityhub.amazonaws.com"),
                    },
                },
            });
            statements.Add(new JsonObject
            {
                ["Sid"] = "PassConfigServiceLinkedRole",
                ["Effect"] = "Allow",
                ["Action"] = "iam:PassRole",
                ["Resource"] = "arn:aws:iam::*:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
            });
        }

        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements };
    }

    /// <summary>A stack that creates the role (and, for the diagnosis, Config's delivery bucket).</summary>
    public static JsonObject CloudFormation(AwsRolePurpose purpose, string roleName, string providerPrincipalArn, string externalId)
    {
        var resources = new JsonObject
        {
            ["CloudpackPlusRole"] = new JsonObject
            {
                ["Type"] = "AWS::IAM::Role",
                ["Properties"] = new JsonObject
                {
                    ["RoleName"] = roleName,
                    ["Description"] = purpose == AwsRolePurpose.Diagnosis
                        ? "cloudpack+ AWS account diagnosis (delete after the diagnosis)"
                        : "cloudpack+ read-only access (Trusted Advisor, Compute Optimizer, costs, Security Hub findings)",
                    ["MaxSessionDuration"] = MaxSessionDurationSeconds,
                    ["AssumeRolePolicyDocument"] = TrustPolicy(providerPrincipalArn, externalId),
                    ["Policies"] = new JsonArray(new JsonObject
                    {
                        ["PolicyName"] = roleName + "Policy",
                        ["PolicyDocument"] = PermissionPolicy(purpose),
                    }),
                    ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "managed-by", ["Value"] = "cloudpack-plus" }),
                },
            },
        };
        var outputs = new JsonObject
        {
            ["RoleArn"] = new JsonObject { ["Value"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("CloudpackPlusRole", "Arn") } },
        };
        if (purpose == AwsRolePurpose.Diagnosis)
        {
            AddConfigBucket(resources, outputs);
        }

        return new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = $"cloudpack+ {(purpose == AwsRolePurpose.Diagnosis ? "diagnosis" : "read-only")} role",
            ["Resources"] = resources,
            ["Outputs"] = outputs,
        };
    }

    public static string ToJson(JsonNode document) => document.ToJsonString(Indented);

    public static string ToYaml(JsonNode document) => YamlWriter.Write(document);

    private static void AddConfigBucket(JsonObject resources, JsonObject outputs)
    {
        var bucketName = new JsonObject { ["Fn::Sub"] = "cloudpack-plus-config-${AWS::AccountId}" };
        resources["ConfigBucket"] = new JsonObject
        {
            ["Type"] = "AWS::S3::Bucket",
            ["DeletionPolicy"] = "Retain",
            ["Properties"] = new JsonObject
            {
                ["BucketName"] = bucketName,
                ["PublicAccessBlockConfiguration"] = new JsonObject
                {
                    ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true,
                },
                ["BucketEncryption"] = new JsonObject
                {
                    ["ServerSideEncryptionConfiguration"] = new JsonArray(new JsonObject
                    {
                        ["ServerSideEncryptionByDefault"] = new JsonObject { ["SSEAlgorithm"] = "AES256" },
                    }),
                },
            },
        };
        resources["ConfigBucketPolicy"] = new JsonObject
        {
            ["Type"] = "AWS::S3::BucketPolicy",
            ["Properties"] = new JsonObject
            {
                ["Bucket"] = new JsonObject { ["Ref"] = "ConfigBucket" },
                ["PolicyDocument"] = new JsonObject
                {
                    ["Version"] = "2012-10-17",
                    ["Statement"] = new JsonArray(
                        ConfigBucketStatement("AWSConfigBucketPermissionsCheck", "s3:GetBucketAcl", "${ConfigBucket.Arn}"),
                        ConfigBucketStatement("AWSConfigBucketExistenceCheck", "s3:ListBucket", "${ConfigBucket.Arn}"),
                        ConfigBucketStatement("AWSConfigBucketDelivery", "s3:PutObject", "${ConfigBucket.Arn}/AWSLogs/${AWS::AccountId}/Config/*")),
                },
            },
        };
        outputs["ConfigBucketName"] = new JsonObject { ["Value"] = new JsonObject { ["Ref"] = "ConfigBucket" } };
    }

    private static JsonObject ConfigBucketStatement(string sid, string action, string resource) => new()
    {
        ["Sid"] = sid,
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Service"] = "config.amazonaws.com" },
        ["Action"] = action,
        ["Resource"] = new JsonObject { ["Fn::Sub"] = resource },
        ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["AWS:SourceAccount"] = new JsonObject { ["Ref"] = "AWS::AccountId" } } },
    };
}
