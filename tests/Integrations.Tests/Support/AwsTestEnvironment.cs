using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SecurityToken;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Credentials;
using CloudpackPlus.Integrations.Aws.Protocol;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudpackPlus.Integrations.Tests.Support;

/// <summary>
/// A simulated AWS served over HTTP on 127.0.0.1, a provider identity that may call STS, and helpers
/// that assume roles through AWSSDK.SecurityToken and build clients pointed at the local server.
/// </summary>
public sealed class AwsTestEnvironment : IAsyncLifetime
{
    public const string ProviderKey = "AKIAPROVIDERTEST0001";
    public const string ProviderSecret = "provider-secret-for-tests";
    public const string ProviderPrincipal = "arn:aws:iam::111122223333:role/cloudpack-plus-portal";
    public const string ExternalId = "ext-0123456789abcdefghijklmnopqrstuv";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    public SimulatedAws Aws { get; private set; } = null!;

    public SimulatedAwsServer Server { get; private set; } = null!;

    public ConcurrentQueue<SimulatedCall> Calls { get; } = new();

    public async Task InitializeAsync()
    {
        Aws = new SimulatedAws(Time).RegisterProvider(ProviderKey, ProviderSecret, ProviderPrincipal);
        Aws.CallObserved += Calls.Enqueue;
        Server = await SimulatedAwsServer.StartAsync(Aws);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A fresh account with both roles trusting <see cref="ExternalId"/>.</summary>
    public SimulatedAccount NewAccount(int findings = 36)
    {
        var id = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Aws.AddAccount(id, findings)
            .WithRole("CloudpackPlusReadOnly", ExternalId, AwsRolePurpose.ReadOnly)
            .WithRole("CloudpackPlusDiagnosis", ExternalId, AwsRolePurpose.Diagnosis);
    }

    /// <summary>STS through the SDK, pointed at the local server (its ServiceURL).</summary>
    public AmazonSecurityTokenServiceClient Sts() => new(new BasicAWSCredentials(ProviderKey, ProviderSecret),
        new AmazonSecurityTokenServiceConfig { ServiceURL = Server.BaseUri.ToString(), AuthenticationRegion = "ap-northeast-1", MaxErrorRetry = 0 });

    public AwsOptions Options(int maxAttempts = 4) => new()
    {
        Mode = AwsMode.Live,
        ProviderPrincipalArn = ProviderPrincipal,
        Retry = new AwsRetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(4) },
        Endpoints = AwsServiceCatalog.All.ToDictionary(s => s.Id, _ => new AwsEndpointOptions { ServiceUrl = Server.BaseUri.ToString() }, StringComparer.OrdinalIgnoreCase),
    };

    public AwsTransport Transport(AwsOptions? options = null) =>
        new(new HttpClient(), (options ?? Options()).Retry, TimeProvider.System, NullLogger<AwsTransport>.Instance);

    /// <summary>Assumes the account's role through STS and returns a connection to the local server.</summary>
    public async Task<AwsAccountConnection> ConnectAsync(SimulatedAccount account, AwsRolePurpose purpose = AwsRolePurpose.Diagnosis, AwsOptions? options = null)
    {
        options ??= Options();
        var role = purpose == AwsRolePurpose.Diagnosis ? options.DiagnosisRoleName : options.ReadOnlyRoleName;
        using var sts = Sts();
        var credentials = await new StsRoleAssumer(sts).AssumeRoleAsync(
            new AssumeRoleSpec(AwsArn.Role(account.AccountId, role), ExternalId, "cloudpackplus-test", 3600), CancellationToken.None);
        return new AwsAccountConnection(Guid.NewGuid(), account.AccountId, purpose, role, credentials, options, Transport(options), isSimulated: false);
    }

    public IReadOnlyList<SimulatedCall> CallsFor(string accountIdOrOperation) =>
        [.. Calls.Where(c => c.Operation == accountIdOrOperation)];
}
