using System.Text.Json.Serialization;
using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.Config;

// shared/aws/models/config/2014-11-12: request members are PascalCase, nested structures camelCase.

public sealed class DescribeConfigurationRecordersRequest
{
    public List<string>? ConfigurationRecorderNames { get; set; }
}

public sealed class DescribeConfigurationRecordersResponse : AwsResponse
{
    public List<ConfigurationRecorder> ConfigurationRecorders { get; set; } = [];
}

public sealed class DescribeConfigurationRecorderStatusRequest
{
    public List<string>? ConfigurationRecorderNames { get; set; }
}

public sealed class DescribeConfigurationRecorderStatusResponse : AwsResponse
{
    public List<ConfigurationRecorderStatus> ConfigurationRecordersStatus { get; set; } = [];
}

public sealed class ConfigurationRecorder
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("roleARN")]
    public string? RoleArn { get; set; }

    [JsonPropertyName("recordingGroup")]
    public RecordingGroup? RecordingGroup { get; set; }
}

public sealed class RecordingGroup
{
    [JsonPropertyName("allSupported")]
    public bool? AllSupported { get; set; }

    [JsonPropertyName("includeGlobalResourceTypes")]
    public bool? IncludeGlobalResourceTypes { get; set; }
}

public sealed class ConfigurationRecorderStatus
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("recording")]
    public bool? Recording { get; set; }

    /// <summary>Pending, Success, Failure, NotApplicable.</summary>
    [JsonPropertyName("lastStatus")]
    public string? LastStatus { get; set; }

    [JsonPropertyName("lastStartTime")]
    public DateTimeOffset? LastStartTime { get; set; }

    [JsonPropertyName("lastErrorCode")]
    public string? LastErrorCode { get; set; }

    [JsonPropertyName("lastErrorMessage")]
    public string? LastErrorMessage { get; set; }
}

public sealed class PutConfigurationRecorderRequest
{
    public required ConfigurationRecorder ConfigurationRecorder { get; set; }
}

public sealed class PutDeliveryChannelRequest
{
    public required DeliveryChannel DeliveryChannel { get; set; }
}

public sealed class DeliveryChannel
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("s3BucketName")]
    public string? S3BucketName { get; set; }

    [JsonPropertyName("s3KeyPrefix")]
    public string? S3KeyPrefix { get; set; }
}

public sealed class StartConfigurationRecorderRequest
{
    public required string ConfigurationRecorderName { get; set; }
}

public sealed class StopConfigurationRecorderRequest
{
    public required string ConfigurationRecorderName { get; set; }
}
