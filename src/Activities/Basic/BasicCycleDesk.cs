using System.Text.Json;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.Basic;

/// <summary>
/// BAS-1, BAS-2, BAS-5: the CSM starts a cloud-optimisation cycle for a company (no application, no tickets).
/// The allowance check (Silver and above, proposals left this FY, under the per-company lock), the cycle row,
/// the customer's notification and the start of the <c>bas</c> workflow commit in one transaction, or nothing does.
/// </summary>
public sealed class BasicCycleDesk(IWorkflowRuntime runtime, TimeProvider clock)
{
    /// <summary>The workflow definition of a cycle (<c>src/Workflows/Definitions/bas.json</c>).</summary>
    public const string DefinitionId = "bas";

    private static readonly string[] NoAccount = ["none"];

    /// <summary>Starts a cycle; refused with <see cref="BasicServiceUnavailableException"/> (the reason, BAS-5's offer) or a rule exception.</summary>
    public async Task<Guid> StartAsync(Guid companyId, string? title, Guid csmId, CancellationToken cancellationToken = default)
    {
        var proposalId = Guid.CreateVersion7();
        await runtime.StartWorkflowAsync(DefinitionId, proposalId.ToString(), csmId.ToString(), async scope =>
        {
            var core = scope.GetDbContext<CoreDbContext>();
            var allowance = new BasicServiceAllowanceService(core, new RankService(core, clock), clock);
            var cycle = await allowance.StartProposalAsync(companyId, title, csmId, proposalId, scope.InstanceId, cancellationToken);
            var company = await core.Companies.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == companyId, cancellationToken);
            var accounts = await core.AwsAccounts.IgnoreQueryFilters().AsNoTracking().Where(a => a.CompanyId == companyId && a.UnlinkedAt == null)
                .OrderBy(a => a.AccountId).Select(a => a.AccountId).ToListAsync(cancellationToken);
            // BAS-2: the CSM contacts the company through the portal to set the hearing meeting.
            await BasicCycleNotes.ToCustomerAsync(core, cycle, scope.Now, "basic-started",
                $"クラウド最適化サポート「{cycle.Title}」を開始します", $"Cloud optimisation support \"{cycle.Title}\" starts",
                "担当CSMよりヒアリングの日程をご連絡します。", "Your CSM will contact you to set the hearing meeting.", cancellationToken);
            return new Dictionary<string, object?>
            {
                ["proposalId"] = proposalId.ToString(),
                ["companyId"] = companyId.ToString(),
                ["companyName"] = company.Name,
                ["title"] = cycle.Title,
                // The improvement task's account choice: none, or one of the linked accounts (BAS-4 routes the report by it).
                ["accountOptionsJson"] = JsonSerializer.Serialize(NoAccount.Concat(accounts)),
            };
        }, cancellationToken);
        return proposalId;
    }
}

/// <summary>Notifications about a cycle: the company's representatives and the CSM who started it.</summary>
internal static class BasicCycleNotes
{
    public static async Task ToCustomerAsync(CoreDbContext core, BasicServiceProposal cycle, DateTimeOffset now, string kind,
        string titleJa, string titleEn, string bodyJa, string bodyEn, CancellationToken cancellationToken)
    {
        var people = await core.People.IgnoreQueryFilters().Where(p => p.CompanyId == cycle.CompanyId && p.Role == PersonRole.Representative)
            .Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            core.Notifications.Add(new Notification
            {
                RecipientId = person, CompanyId = cycle.CompanyId, Kind = kind, TitleJa = titleJa, TitleEn = titleEn,
                BodyJa = bodyJa, BodyEn = bodyEn, Link = $"/Basic/{cycle.Id}", CreatedAt = now,
            });
        }
    }

    public static async Task<BasicServiceProposal> LoadAsync(CoreDbContext core, string? correlationId, CancellationToken cancellationToken)
    {
        var id = Guid.TryParse(correlationId, out var parsed) ? parsed
            : throw new InvalidOperationException("This activity runs only in a basic-service cycle (correlation id = cycle id).");
        return await core.BasicServiceProposals.IgnoreQueryFilters().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new InvalidOperationException($"Basic-service cycle {id} does not exist.");
    }
}
