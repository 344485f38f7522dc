using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudpackPlus.Integrations.Aws.Trust;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>
/// An in-memory AWS that answers the platform's operations with realistic, model-conformant data.
/// It verifies SigV4 signatures, session tokens, external ids and role permissions like AWS does,
/// so the same code paths run in tests, in the demo (<c>Aws:Mode=Simulated</c>) and in production.
/// </summary>
public sealed class SimulatedAws(TimeProvider time)
{
    /// <summary>The access key of the portal's own identity in simulated mode.</summary>
    public const string ProviderAccessKeyId = "AKIASIMULATEDPORTAL1";

    private readonly ConcurrentDictionary<string, SimulatedAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Secret, string PrincipalArn)> _providers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Operation, SimulatedAwsException Error)> _faults = new();

    public TimeProvider Time { get; } = time;

    /// <summary>Demo mode: an unknown account or role is created on first AssumeRole, as if the customer had run the template.</summary>
    public bool AutoProvision { get; set; }

    /// <summary>Raised after every request; tests use it to check request and response shapes.</summary>
    public event Action<SimulatedCall>? CallObserved;

    public string ProviderSecret { get; } = RandomNumberGenerator.GetHexString(40);

    public SimulatedAws RegisterProvider(string accessKeyId, string secret, string principalArn)
    {
        _providers[accessKeyId] = (secret, principalArn);
        return this;
    }

    public SimulatedAccount AddAccount(string accountId, int findingCount = SimulatedAccount.DefaultFindingCount) =>
        _accounts.GetOrAdd(accountId, id => new SimulatedAccount(id, findingCount));

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> fail with the given error.</summary>
    public void InjectFault(string operation, int status, string code, int times = 1, string message = "Simulated fault", int? retryAfterSeconds = null)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue((operation, new SimulatedAwsException(status, code, message) { RetryAfterSeconds = retryAfterSeconds }));
        }
    }

    /// <summary>Drops every injected fault not yet served.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> are throttled (429 with <c>Retry-After</c>).</summary>
    public void InjectThrottling(string operation, int times = 1, int retryAfterSeconds = 1) =>
        InjectFault(operation, 429, "TooManyRequestsException", times, "Rate exceeded", retryAfterSeconds);

    /// <summary>Every session issued for the account expires now (the next call answers ExpiredTokenException).</summary>
    public void ExpireSessions(string accountId)
    {
        foreach (var (key, session) in _sessions)
        {
            if (session.AccountId == accountId)
            {
                _sessions[key] = session with { Expires = Time.GetUtcNow() };
            }
        }
    }

    public async Task<SimulatedHttpResponse> HandleAsync(WireRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var auth = SigV4Authorization.Parse(request.Header("Authorization"));
        var service = auth?.Service ?? "unknown";
        var operation = "unknown";
        SimulatedHttpResponse response;
        try
        {
            var failure = SigV4Verifier.Verify(request, SecretFor);
            if (failure is not null)
            {
                throw new SimulatedAwsException(403, failure, $"The request signature could not be verified ({failure}).");
            }

            if (service == "sts")
            {
                var form = ParseForm(request.Body);
                operation = form.GetValueOrDefault("Action", "unknown");
                response = SimulatedSts.Handle(this, auth!.AccessKeyId, form);
            }
            else
            {
                var session = SessionFor(request, auth!);
                var (svc, op, body) = SimulatedRouter.Resolve(service, request);
                operation = op;
                if (_faults.TryPeek(out var fault) && fault.Operation == op && _faults.TryDequeue(out fault))
                {
                    throw fault.Error;
                }

                var account = _accounts[session.AccountId];
                var action = $"{svc.SigningName}:{op}";
                if (!account.Roles.TryGetValue(session.RoleName, out var role) || !role.Permissions.Contains(action))
                {
                    throw new SimulatedAwsException(403, "AccessDeniedException",
                        $"User: arn:aws:sts::{account.AccountId}:assumed-role/{session.RoleName}/{session.SessionName} is not authorized to perform: {action}");
                }

                var result = SimulatedRouter.Dispatch(this, account, svc, op, body, request, auth!.Region);
                response = Json(200, result);
            }
        }
        catch (SimulatedAwsException error)
        {
            response = service == "sts" ? SimulatedSts.Error(error) : JsonError(error);
        }

        CallObserved?.Invoke(new SimulatedCall(service, operation, request, response.Status, response.Body));
        return response;
    }

    /// <summary>AssumeRole as STS performs it: the caller must be a registered provider and the external id must match.</summary>
    internal SimulatedSession AssumeRole(string callerAccessKeyId, string roleArn, string sessionName, string? externalId, int durationSeconds)
    {
        if (!_providers.TryGetValue(callerAccessKeyId, out var caller))
        {
            throw new SimulatedAwsException(403, "AccessDenied", "The caller is not trusted by any customer role.");
        }

        var parts = roleArn.Split(':', 6);
        if (parts.Length != 6 || parts[2] != "iam" || !AwsArn.IsAccountId(parts[4]) || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            throw new SimulatedAwsException(400, "ValidationError", $"{roleArn} is not a valid role ARN.");
        }

        if (durationSeconds is < 900 or > 43200 || sessionName.Length is < 2 or > 64)
        {
            throw new SimulatedAwsException(400, "ValidationError", "DurationSeconds or RoleSessionName is out of range.");
        }

        var accountId = parts[4];
        var roleName = parts[5]["role/".Length..];
        var account = _accounts.GetValueOrDefault(accountId);
        if (account is null && AutoProvision && externalId is not null)
        {
            account = AddAccount(accountId);
        }

        if (account is not null && AutoProvision && externalId is not null && !account.Roles.ContainsKey(roleName) && !account.DeletedRoles.Contains(roleName))
        {
            account.WithRole(roleName, externalId, roleName.Contains("Diagnosis", StringComparison.Ordinal) ? AwsRolePurpose.Diagnosis : AwsRolePurpose.ReadOnly);
            foreach (var action in account.ProvisionWithout)
            {
                account.WithoutPermission(roleName, action);
            }
        }

        if (account is null || !account.Roles.TryGetValue(roleName, out var role) || role.ExternalId != externalId)
        {
            // AWS gives one answer for a missing role, a wrong trust policy and a wrong external id.
            throw new SimulatedAwsException(403, "AccessDenied",
                $"User: {caller.PrincipalArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
        }

        var session = new SimulatedSession("ASIA" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
            RandomNumberGenerator.GetHexString(40), Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            accountId, roleName, sessionName, Time.GetUtcNow().AddSeconds(durationSeconds));
        _sessions[session.AccessKeyId] = session;
        return session;
    }

    private string? SecretFor(string accessKeyId) =>
        _sessions.TryGetValue(accessKeyId, out var session) ? session.Secret
        : _providers.TryGetValue(accessKeyId, out var provider) ? provider.Secret : null;

    private SimulatedSession SessionFor(WireRequest request, SigV4Authorization auth)
    {
        if (!_sessions.TryGetValue(auth.AccessKeyId, out var session))
        {
            throw new SimulatedAwsException(403, "AccessDeniedException", "Only assumed-role sessions may call customer accounts.");
        }

        if (request.Header("X-Amz-Security-Token") != session.Token || !auth.SignedHeaders.Contains("x-amz-security-token"))
        {
            throw new SimulatedAwsException(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (Time.GetUtcNow() >= session.Expires)
        {
            throw new SimulatedAwsException(403, "ExpiredTokenException", "The security token included in the request is expired.");
        }

        return session;
    }

    private static Dictionary<string, string> ParseForm(byte[] body) =>
        Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')),
                p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "", StringComparer.Ordinal);

    private static SimulatedHttpResponse Json(int status, JsonNode? body) => new(status, "application/json",
        body is null ? [] : Encoding.UTF8.GetBytes(body.ToJsonString()), RequestIdHeader());

    private static SimulatedHttpResponse JsonError(SimulatedAwsException error)
    {
        var headers = new Dictionary<string, string>(RequestIdHeader()) { ["x-amzn-ErrorType"] = error.Code };
        if (error.RetryAfterSeconds is { } seconds)
        {
            headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["__type"] = error.Code, ["message"] = error.Message });
        return new SimulatedHttpResponse(error.Status, "application/json", body, headers);
    }

    internal static Dictionary<string, string> RequestIdHeader() => new() { ["x-amzn-RequestId"] = Guid.NewGuid().ToString() };
}
