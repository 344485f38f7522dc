using CloudpackPlus.Core;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Accounts;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.SecurityHub;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Integrations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Integrations.Tests.Aws;

/// <summary>Aws:Mode=Simulated: the demo path, served in-process and flagged as simulated everywhere.</summary>
public sealed class SimulatedModeTests(IntegrationsDatabase database) : IClassFixture<IntegrationsDatabase>
{
    [Fact]
    [Trait("Spec", "ACCT-D")]
    [Trait("Spec", "TOOL-2")]
    public async Task SimulatedMode_ServesTheDiagnosisAndTools_AndFlagsEveryResult()
    {
        var directory = new InMemoryLinkedAccountDirectory();
        await using var services = IntegrationsServices.Build(database.ConnectionString,
            new Dictionary<string, string?> { ["Aws:Mode"] = "Simulated" }, TimeProvider.System,
            s => s.AddSingleton<ILinkedAccountDirectory>(directory));
        var company = Guid.NewGuid();
        directory.Link(new LinkedAwsAccount(company, "210987654321", UnderMaintenanceContract: false, null));
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RoleTrustService>().GetSetupAsync(company);

        var connection = await scope.ServiceProvider.GetRequiredService<AwsAccountConnector>().ConnectAsync(company, "210987654321", AwsRolePurpose.Diagnosis);
        var hub = connection.SecurityHub();
        var wasEnabled = await hub.IsEnabledAsync();
        await hub.EnableSecurityHubAsync(new EnableSecurityHubRequest());
        var findings = new List<AwsSecurityFinding>();
        await foreach (var f in hub.GetFindingsAsync(AwsSecurityFindingFilters.ActiveFor("210987654321")))
        {
            findings.Add(f);
        }

        var page = await hub.GetFindingsPageAsync(new GetFindingsRequest { MaxResults = 10 });
        var (costs, costsSimulated) = await connection.CostExplorer().GetMonthlyCostByServiceAsync(new DateOnly(2026, 8, 1), new DateOnly(2026, 10, 1));
        var checks = await connection.TrustedAdvisorChecks().DescribeTrustedAdvisorChecksAsync();
        var recommendations = await connection.ComputeOptimizer().GetEC2InstanceRecommendationsAsync();

        Assert.True(connection.IsSimulated);
        Assert.False(wasEnabled);
        Assert.Equal(SimulatedAccount.DefaultFindingCount, findings.Count); // the spec's 50 to 100,000
        Assert.Equal(5, findings.Select(f => f.Severity!.Label).Distinct().Count());
        Assert.True(page.IsSimulated);
        Assert.True(costsSimulated);
        Assert.NotEmpty(costs);
        Assert.True(checks.IsSimulated);
        Assert.True(recommendations.IsSimulated);
    }

    [Fact]
    [Trait("Spec", "ELIG-3")]
    public async Task LinkedAccounts_AreCoresAccounts_OfThatCompanyOnly()
    {
        await using var services = IntegrationsServices.Build(database.ConnectionString,
            new Dictionary<string, string?> { ["Aws:Mode"] = "Simulated" }, TimeProvider.System, s => s.AddCloudpackCore());
        Guid demo;
        await using (var scope = services.CreateAsyncScope())
        {
            var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            await core.Database.MigrateAsync();
            demo = await core.Companies.Where(c => c.Code == "DEMO").Select(c => c.Id).SingleOrDefaultAsync();
            if (demo == Guid.Empty)
            {
                var company = new Company { Code = "DEMO", Name = "デモ", CreatedAt = DateTimeOffset.UtcNow };
                core.Companies.Add(company);
                core.AwsAccounts.Add(new AwsAccount { CompanyId = company.Id, AccountId = "210987654321", RootHeldByProvider = true, LinkedAt = DateTimeOffset.UtcNow });
                core.AwsAccounts.Add(new AwsAccount
                {
                    CompanyId = company.Id, AccountId = "210987654322", RootHeldByProvider = true, LinkedAt = DateTimeOffset.UtcNow,
                    UnderMaintenanceContract = true, BacklogProjectKey = "DEMO_OPS",
                });
                await core.SaveChangesAsync();
                demo = company.Id;
            }
        }

        var directory = services.GetRequiredService<ILinkedAccountDirectory>();

        Assert.IsType<CoreLinkedAccountDirectory>(directory);
        Assert.False((await directory.FindAsync(demo, "210987654321", default))!.UnderMaintenanceContract);
        Assert.Equal("DEMO_OPS", (await directory.FindAsync(demo, "210987654322", default))!.BacklogProjectKey);
        Assert.Null(await directory.FindAsync(Guid.NewGuid(), "210987654321", default));
        Assert.Null(await directory.FindAsync(demo, "999999999999", default));
    }
}
