using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.BasicService;

/// <summary>
/// BAS-1: proposals allowed in a fiscal year, used (delivered proposals: they count) and in progress (cycles
/// before their proposal: each holds one, so two CSMs cannot start more cycles than the count allows).
/// </summary>
public sealed record BasicServiceAllowance(Rank Rank, int Allowed, int Used, int InProgress = 0)
{
    /// <summary>Silver and above only (BAS-1).</summary>
    public bool RankQualifies => Rank >= Rank.Silver;

    public int Remaining => RankQualifies ? Math.Max(Allowed - Used - InProgress, 0) : 0;
}

/// <summary>BAS-1 / BAS-5: the allowance is used up or the rank is below Silver; further help goes through an inquiry or tickets.</summary>
public sealed class BasicServiceUnavailableException(BasicServiceAllowance allowance)
    : ProgrammeRuleException(
        "basic_service_unavailable",
        allowance.RankQualifies
            ? $"今年度のクラウド最適化サポートの提案回数({allowance.Allowed} 回)を使い切りました。お問い合わせ(ご相談・お見積もり)またはチケットでのアドバンスドサービスをご利用ください。"
            : "クラウド最適化サポートはシルバーランク以上のお客様が対象です。お問い合わせまたはチケットでのアドバンスドサービスをご利用ください。",
        allowance.RankQualifies
            ? $"This fiscal year's {allowance.Allowed} basic-service proposals are used up; use an inquiry (consultation or quote) or an advanced service paid with tickets."
            : "Cloud optimisation support is for Silver rank and above; use an inquiry or an advanced service paid with tickets.")
{
    public BasicServiceAllowance Allowance { get; } = allowance;
}

/// <summary>BAS-1..5: counts the CSM-started proposal cycles against the rank's yearly allowance.</summary>
public sealed class BasicServiceAllowanceService(CoreDbContext db, RankService ranks, TimeProvider clock)
{
    public async Task<BasicServiceAllowance> GetAsync(Guid companyId, FiscalYear fiscalYear, CancellationToken cancellationToken = default)
    {
        var rank = await ranks.GetRankAsync(companyId, fiscalYear, cancellationToken);
        var definition = await ranks.GetDefinitionAsync(rank, cancellationToken);
        var counts = await db.BasicServiceProposals.Where(p => p.CompanyId == companyId && p.FiscalYear == fiscalYear.StartYear && p.Status != BasicCycleStatus.Cancelled)
            .GroupBy(p => p.DeliveredAt != null).Select(g => new { Delivered = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new BasicServiceAllowance(rank, definition.BasicProposalsPerYear,
            counts.Where(c => c.Delivered).Sum(c => c.Count), counts.Where(c => !c.Delivered).Sum(c => c.Count));
    }

    /// <summary>BAS-2/3: the CSM starts a proposal cycle; refused below Silver or when the count is used up (BAS-5).</summary>
    public Task<BasicServiceProposal> StartProposalAsync(Guid companyId, string title, Guid csmId, CancellationToken cancellationToken = default) =>
        StartProposalAsync(companyId, title, csmId, null, null, cancellationToken);

    /// <summary>
    /// BAS-2/3: as above, for the cycle's workflow: <paramref name="proposalId"/> is the instance's correlation id and
    /// <paramref name="workflowInstanceId"/> its instance (the caller's transaction, the workflow's first step, is used).
    /// </summary>
    public Task<BasicServiceProposal> StartProposalAsync(Guid companyId, string? title, Guid csmId, Guid? proposalId, Guid? workflowInstanceId, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async () =>
        {
            await db.RequireStaffAsync(csmId, cancellationToken);
            var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken) ?? throw new NotFoundException("会社", companyId);
            if (!company.CanApply)
            {
                throw new CompanyNotActiveException(companyId, company.Status);
            }

            var now = clock.GetUtcNow();
            var fiscalYear = FiscalYear.Of(now);
            // The same per-company-and-year lock as the tickets: two CSMs cannot both take the last proposal.
            await db.LockTicketAccountAsync(companyId, fiscalYear.StartYear, now, cancellationToken);
            var allowance = await GetAsync(companyId, fiscalYear, cancellationToken);
            if (allowance.Remaining <= 0)
            {
                throw new BasicServiceUnavailableException(allowance);
            }

            var proposal = new BasicServiceProposal
            {
                Id = proposalId ?? Guid.CreateVersion7(), CompanyId = companyId, FiscalYear = fiscalYear.StartYear, Title = RequireTitle(title),
                StartedBy = csmId, StartedAt = now, WorkflowInstanceId = workflowInstanceId,
            };
            db.BasicServiceProposals.Add(proposal);
            await db.SaveChangesAsync(cancellationToken);
            return proposal;
        }, cancellationToken);

    /// <summary>BAS-3: the proposal was delivered; from now on the cycle counts as one proposal of its FY (idempotent).</summary>
    public static async Task<BasicServiceProposal> MarkDeliveredAsync(CoreDbContext db, Guid proposalId, string? proposal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.BasicServiceProposals.IgnoreQueryFilters().SingleOrDefaultAsync(p => p.Id == proposalId, cancellationToken)
            ?? throw new NotFoundException("基本サービスの提案", proposalId);
        if (row.DeliveredAt is null)
        {
            row.DeliveredAt = now;
            row.Status = BasicCycleStatus.Delivered;
            row.Proposal = proposal?.Trim();
        }

        return row;
    }

    private static string RequireTitle(string? title)
    {
        var text = title?.Trim() ?? "";
        if (text.Length == 0 || text.Length > 200)
        {
            throw new ProgrammeRuleException("basic_title", "テーマを200文字以内で入力してください。", "Enter a theme of at most 200 characters.");
        }

        return text;
    }
}
