namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>An error the simulated AWS answers with (status, AWS error code, message).</summary>
public sealed class SimulatedAwsException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>Seconds the client should wait (sent as <c>Retry-After</c>), for throttling answers.</summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>One request the simulated AWS served; tests inspect these to check shapes.</summary>
/// <param name="Service">Signing name (securityhub, config, …, sts).</param>
/// <param name="Operation">Operation name from the model.</param>
/// <param name="Request">The request as received.</param>
/// <param name="Status">HTTP status answered.</param>
/// <param name="ResponseBody">Body answered.</param>
public sealed record SimulatedCall(string Service, string Operation, WireRequest Request, int Status, byte[] ResponseBody);

/// <summary>What the simulated AWS answers.</summary>
public sealed record SimulatedHttpResponse(int Status, string ContentType, byte[] Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>An issued assumed-role session.</summary>
internal sealed record SimulatedSession(string AccessKeyId, string Secret, string Token, string AccountId, string RoleName, string SessionName, DateTimeOffset Expires);
