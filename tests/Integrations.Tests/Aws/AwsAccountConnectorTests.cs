using CloudpackPlus.Integrations.Accounts;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Credentials;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Integrations.Tests.Aws;

/// <summary>The role-trust flow end to end: linked account check, external id, STS over HTTP, credential cache.</summary>
public sealed class AwsAccountConnectorTests(IntegrationsDatabase database, AwsTestEnvironment env)
    : IClassFixture<IntegrationsDatabase>, IClassFixture<AwsTestEnvironment>
{
    private readonly InMemoryLinkedAccountDirectory _accounts = new();

    [Fact]
    [Trait("Spec", "ELIG-3")]
    public async Task Connect_IsRefused_ForAnAccountNotLinkedToTheCompany()
    {
        await using var services = Services();
        var account = env.NewAccount();
        var owner = Guid.NewGuid();
        _accounts.Link(new LinkedAwsAccount(owner, account.AccountId, false, null));
        await using var scope = services.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<AwsAccountConnector>();

        var error = await Assert.ThrowsAsync<AwsAccountNotLinkedException>(() => connector.ConnectAsync(Guid.NewGuid(), account.AccountId, AwsRolePurpose.ReadOnly));
        await Assert.ThrowsAsync<AwsAccountNotLinkedException>(() => connector.ConnectAsync(owner, "12345", AwsRolePurpose.ReadOnly));

        Assert.Equal(AwsErrorKind.AccountNotLinked, error.Kind);
        Assert.DoesNotContain(env.CallsFor("AssumeRole"), c => System.Text.Encoding.UTF8.GetString(c.Request.Body).Contains(account.AccountId, StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task Connect_BeforeTheRoleIsSetUp_SaysWhereToFindTheTemplate()
    {
        await using var services = Services();
        var company = Guid.NewGuid();
        var account = env.NewAccount();
        _accounts.Link(new LinkedAwsAccount(company, account.AccountId, false, null));
        await using var scope = services.CreateAsyncScope();

        var error = await Assert.ThrowsAsync<AwsIntegrationException>(() =>
            scope.ServiceProvider.GetRequiredService<AwsAccountConnector>().ConnectAsync(company, account.AccountId, AwsRolePurpose.ReadOnly));

        Assert.Equal(AwsErrorKind.RoleNotAssumable, error.Kind);
        Assert.Contains("template", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "TOOL-1")]
    public async Task Credentials_AreCached_UntilShortlyBeforeTheyExpire()
    {
        await using var services = Services();
        var (company, accountId) = await SetUpCompanyAsync(services);
        var assumes = () => env.CallsFor("AssumeRole").Count(c => System.Text.Encoding.UTF8.GetString(c.Request.Body).Contains(accountId, StringComparison.Ordinal));

        var first = await ConnectAsync(services, company, accountId);
        await first.CostExplorer().GetMonthlyCostByServiceAsync(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1));
        env.Time.Advance(TimeSpan.FromMinutes(54));
        var second = await ConnectAsync(services, company, accountId);
        await second.TrustedAdvisor().ListRecommendationsAsync();
        var beforeRefresh = assumes();
        env.Time.Advance(TimeSpan.FromMinutes(2));
        var third = await ConnectAsync(services, company, accountId);
        await third.ComputeOptimizer().GetEC2InstanceRecommendationsAsync();

        Assert.Equal(1, beforeRefresh);
        Assert.Equal(2, assumes());
        Assert.Equal(first.CredentialsExpireAt, second.CredentialsExpireAt);
        Assert.True(third.CredentialsExpireAt > first.CredentialsExpireAt);
    }

    [Fact]
    public async Task Unconfigured_Aws_FailsWithAClearMessage()
    {
        await using var services = Services(new Dictionary<string, string?> { ["Aws:Mode"] = "Unconfigured" });
        await using var scope = services.CreateAsyncScope();

        var error = await Assert.ThrowsAsync<AwsNotConfiguredException>(() =>
            scope.ServiceProvider.GetRequiredService<AwsAccountConnector>().ConnectAsync(Guid.NewGuid(), "123456789012", AwsRolePurpose.ReadOnly));

        Assert.Contains("Aws:Mode", error.Message, StringComparison.Ordinal);
    }

    private async Task<(Guid Company, string AccountId)> SetUpCompanyAsync(ServiceProvider services)
    {
        var company = Guid.NewGuid();
        await using var scope = services.CreateAsyncScope();
        var setup = await scope.ServiceProvider.GetRequiredService<RoleTrustService>().GetSetupAsync(company);
        // The customer creates the roles from the template: the simulated account trusts the company's external id.
        var account = env.Aws.AddAccount(Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithRole(setup.ReadOnly.RoleName, setup.ExternalId, AwsRolePurpose.ReadOnly);
        _accounts.Link(new LinkedAwsAccount(company, account.AccountId, false, null));
        return (company, account.AccountId);
    }

    private static async Task<AwsAccountConnection> ConnectAsync(ServiceProvider services, Guid company, string accountId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AwsAccountConnector>().ConnectAsync(company, accountId, AwsRolePurpose.ReadOnly);
    }

    private ServiceProvider Services(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Aws:Mode"] = "Live",
            ["Aws:ProviderPrincipalArn"] = AwsTestEnvironment.ProviderPrincipal,
            ["Aws:Retry:BaseDelay"] = "00:00:00.001",
            ["Aws:Retry:MaxDelay"] = "00:00:00.004",
        };
        foreach (var service in AwsServiceCatalog.All)
        {
            settings[$"Aws:Endpoints:{service.Id}:ServiceUrl"] = env.Server.BaseUri.ToString();
        }

        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return IntegrationsServices.Build(database.ConnectionString, settings, env.Time, services =>
        {
            services.AddSingleton<ILinkedAccountDirectory>(_accounts);
            services.AddSingleton<IAwsRoleAssumer>(_ => new StsRoleAssumer(env.Sts()));
        });
    }
}
