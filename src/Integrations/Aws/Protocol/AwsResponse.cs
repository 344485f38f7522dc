using System.Text.Json.Serialization;

namespace CloudpackPlus.Integrations.Aws.Protocol;

/// <summary>Base of every response DTO: carries whether it came from the simulated AWS.</summary>
public abstract class AwsResponse
{
    /// <summary>True when the data is simulated (Aws:Mode=Simulated); the UI shows 「シミュレーション」.</summary>
    [JsonIgnore]
    public bool IsSimulated { get; set; }
}

/// <summary>Responses with an empty body (Config's Put/Start operations, DisableSecurityHub).</summary>
public sealed class AwsEmptyResponse : AwsResponse;
