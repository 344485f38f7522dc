using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Tools;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Integrations.Aws.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Tools;

/// <summary>
/// The tools in the demo (simulated AWS only): the demo company's maintained account is connected with its Trusted
/// Advisor and charges fetched; its other account's customer used an old template (no <c>ce:GetCostAndUsage</c>) and
/// has no Business support plan, so its test shows the missing permission and Trusted Advisor says the plan is needed.
/// The simulated accounts are in memory, so their scene is set on every start; the tests run only on the first.
/// </summary>
internal sealed class ToolsDemoSeeder(
    CoreDbContext core, IOptions<AwsOptions> aws, SimulatedAws simulated, RoleTrustService trust, ToolConnectionService connections,
    ChargesFetcher charges, TrustedAdvisorRefreshJob trustedAdvisor, ToolSnapshots snapshots) : IDemoSeeder
{
    public const string MissingPermission = "ce:GetCostAndUsage";

    // The demo company's accounts as Core's demo seeder links them (DemoProgrammeSeeder, internal to Core).
    private const string MaintainedAccountId = "123456789012";
    private const string OtherAccountId = "210987654321";

    public int Order => 60;

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        if (aws.Value.Mode != AwsMode.Simulated)
        {
            return [];
        }

        var company = await core.Companies.Where(c => c.Code == "DEMO").Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (company is not { } companyId)
        {
            return ["tools: skipped (no demo company)"];
        }

        var other = simulated.AddAccount(OtherAccountId);
        other.ProvisionWithout.Add(MissingPermission);
        other.BusinessSupport = false;
        if (other.Roles.ContainsKey(aws.Value.ReadOnlyRoleName))
        {
            other.WithoutPermission(aws.Value.ReadOnlyRoleName, MissingPermission);
        }

        if (await core.AwsToolConnections.AnyAsync(c => c.CompanyId == companyId, cancellationToken))
        {
            return ["found tool connections of DEMO"];
        }

        await trust.GetSetupAsync(companyId, cancellationToken);
        var lines = new List<string>();
        foreach (var accountId in new[] { MaintainedAccountId, OtherAccountId })
        {
            var state = await connections.TestAsync(companyId, accountId, null, cancellationToken);
            lines.Add($"tested the tools role of {accountId}: {state.State}");
        }

        var main = MaintainedAccountId;
        await charges.FetchAsync(companyId, main, cancellationToken);
        if (await snapshots.TryStartAsync(companyId, main, CustomerTool.TrustedAdvisor, cancellationToken) == RefreshRefusal.None)
        {
            await trustedAdvisor.RunAsync(companyId, main, "ja", cancellationToken);
        }

        lines.Add($"fetched Trusted Advisor and charges of {main}");
        return lines;
    }
}
