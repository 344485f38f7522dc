using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Config;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Tests.Support;

namespace CloudpackPlus.Integrations.Tests.Aws;

public sealed class ConfigServiceClientTests(AwsTestEnvironment env) : IClassFixture<AwsTestEnvironment>
{
    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task Diagnosis_EnablesConfigRecording_WhenItIsOff()
    {
        var account = env.NewAccount();
        var config = (await env.ConnectAsync(account)).Config();
        Assert.False(await config.IsRecordingAsync());
        Assert.Empty((await config.DescribeConfigurationRecordersAsync()).ConfigurationRecorders);

        await config.PutConfigurationRecorderAsync(new PutConfigurationRecorderRequest
        {
            ConfigurationRecorder = new ConfigurationRecorder
            {
                Name = "default",
                RoleArn = $"arn:aws:iam::{account.AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                RecordingGroup = new RecordingGroup { AllSupported = true, IncludeGlobalResourceTypes = true },
            },
        });
        await config.PutDeliveryChannelAsync(new PutDeliveryChannelRequest
        {
            DeliveryChannel = new DeliveryChannel { Name = "default", S3BucketName = RoleTrustTemplates.ConfigBucketName(account.AccountId) },
        });
        await config.StartConfigurationRecorderAsync(new StartConfigurationRecorderRequest { ConfigurationRecorderName = "default" });

        var recorders = await config.DescribeConfigurationRecordersAsync(new DescribeConfigurationRecordersRequest { ConfigurationRecorderNames = ["default"] });
        var status = Assert.Single((await config.DescribeConfigurationRecorderStatusAsync()).ConfigurationRecordersStatus);
        Assert.Equal("default", Assert.Single(recorders.ConfigurationRecorders).Name);
        Assert.True(status.Recording);
        Assert.Equal("Success", status.LastStatus);
        Assert.True(await config.IsRecordingAsync());
    }

    [Fact]
    public async Task StartRecorder_WithoutDeliveryChannel_IsRefusedWithTheAwsCode()
    {
        var account = env.NewAccount();
        var config = (await env.ConnectAsync(account)).Config();
        await config.PutConfigurationRecorderAsync(new PutConfigurationRecorderRequest { ConfigurationRecorder = new ConfigurationRecorder { Name = "default" } });

        var error = await Assert.ThrowsAsync<AwsIntegrationException>(() =>
            config.StartConfigurationRecorderAsync(new StartConfigurationRecorderRequest { ConfigurationRecorderName = "default" }));

        Assert.Equal(AwsErrorKind.InvalidRequest, error.Kind);
        Assert.Equal("NoAvailableDeliveryChannelException", error.AwsErrorCode);
        Assert.Equal(1, env.CallsFor("StartConfigurationRecorder").Count(c => c.Status == 400));
    }

    [Fact]
    [Trait("Spec", "ACCT-D")]
    public async Task ReadOnlyRole_CannotChangeConfig()
    {
        var account = env.NewAccount();
        var config = (await env.ConnectAsync(account, AwsRolePurpose.ReadOnly)).Config();

        var error = await Assert.ThrowsAsync<AwsAccessDeniedException>(() =>
            config.PutConfigurationRecorderAsync(new PutConfigurationRecorderRequest { ConfigurationRecorder = new ConfigurationRecorder { Name = "default" } }));

        Assert.Equal("config:PutConfigurationRecorder", error.MissingPermission);
    }
}
