using System.Text.Json.Nodes;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Tests.Support;
using Microsoft.Extensions.Options;
using YamlDotNet.Serialization;

namespace CloudpackPlus.Integrations.Tests.Trust;

public sealed class RoleTrustTemplateTests(IntegrationsDatabase database) : IClassFixture<IntegrationsDatabase>
{
    private const string Principal = "arn:aws:iam::111122223333:role/cloudpack-plus-portal";

    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task Setup_TrustsOnlyTheProviderPrincipal_WithTheCompanysExternalId()
    {
        var setup = await Service().GetSetupAsync(Guid.NewGuid());

        var statement = JsonNode.Parse(setup.ReadOnly.TrustPolicyJson)!["Statement"]![0]!;
        Assert.Equal(Principal, statement["Principal"]!["AWS"]!.GetValue<string>());
        Assert.Equal("sts:AssumeRole", statement["Action"]!.GetValue<string>());
        Assert.Equal(setup.ExternalId, statement["Condition"]!["StringEquals"]!["sts:ExternalId"]!.GetValue<string>());
        Assert.Equal(setup.ExternalId, JsonNode.Parse(setup.Diagnosis.TrustPolicyJson)!["Statement"]![0]!["Condition"]!["StringEquals"]!["sts:ExternalId"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Spec", "TOOL-1")]
    [Trait("Spec", "ACCT-D")]
    public async Task ReadOnlyRole_CannotChangeTheAccount_ButTheDiagnosisRoleCanEnableConfigAndSecurityHub()
    {
        var setup = await Service().GetSetupAsync(Guid.NewGuid());

        var readOnly = Actions(setup.ReadOnly.PermissionPolicyJson);
        var diagnosis = Actions(setup.Diagnosis.PermissionPolicyJson);

        Assert.DoesNotContain(readOnly, a => a.Contains(":Enable", StringComparison.Ordinal) || a.Contains(":Put", StringComparison.Ordinal)
            || a.Contains(":Start", StringComparison.Ordinal) || a.Contains(":BatchEnable", StringComparison.Ordinal) || a.Contains('*', StringComparison.Ordinal));
        Assert.Contains("securityhub:EnableSecurityHub", diagnosis);
        Assert.Contains("config:StartConfigurationRecorder", diagnosis);
        Assert.Subset(diagnosis.ToHashSet(), readOnly.ToHashSet());
    }

    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task CloudFormation_YamlAndJson_DescribeTheSameRole()
    {
        var setup = await Service().GetSetupAsync(Guid.NewGuid());

        var json = JsonNode.Parse(setup.Diagnosis.CloudFormationJson)!;
        var yaml = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(setup.Diagnosis.CloudFormationYaml);
        var yamlRole = (Dictionary<object, object>)((Dictionary<object, object>)((Dictionary<object, object>)yaml["Resources"])["CloudpackPlusRole"])["Properties"];
        var yamlTrust = (Dictionary<object, object>)((List<object>)((Dictionary<object, object>)yamlRole["AssumeRolePolicyDocument"])["Statement"])[0];

        var role = json["Resources"]!["CloudpackPlusRole"]!;
        Assert.Equal("AWS::IAM::Role", role["Type"]!.GetValue<string>());
        Assert.Equal("CloudpackPlusDiagnosis", role["Properties"]!["RoleName"]!.GetValue<string>());
        Assert.Equal("2010-09-09", yaml["AWSTemplateFormatVersion"]);
        Assert.Equal("CloudpackPlusDiagnosis", yamlRole["RoleName"]);
        Assert.Equal(setup.ExternalId, ((Dictionary<object, object>)((Dictionary<object, object>)yamlTrust["Condition"])["StringEquals"])["sts:ExternalId"]);
        Assert.NotNull(json["Resources"]!["ConfigBucket"]);
        Assert.Null(JsonNode.Parse(setup.ReadOnly.CloudFormationJson)!["Resources"]!["ConfigBucket"]);
    }

    private static List<string> Actions(string policyJson) =>
        [.. JsonNode.Parse(policyJson)!["Statement"]!.AsArray()
            .SelectMany(s => s!["Action"] is JsonArray array ? array.Select(a => a!.GetValue<string>()) : [s["Action"]!.GetValue<string>()])];

    private RoleTrustService Service() => new(
        new ExternalIdStore(database.CreateContext(), TimeProvider.System),
        Options.Create(new AwsOptions { ProviderPrincipalArn = Principal }));
}
