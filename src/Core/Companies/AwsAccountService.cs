using System.Text.RegularExpressions;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Companies;

/// <summary>ELIG-3 / BAS-4: linking AWS accounts to companies and recording their maintenance contract.</summary>
public sealed partial class AwsAccountService(CoreDbContext db, TimeProvider clock)
{
    public async Task<AwsAccount> LinkAsync(Guid companyId, string accountId, bool rootHeldByProvider, string? displayName, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        var id = (accountId ?? "").Trim();
        if (!AccountIdPattern().IsMatch(id))
        {
            throw new ProgrammeRuleException("aws_account_id", $"AWSアカウントIDは12桁の数字です: {accountId}", $"An AWS account id is 12 digits: {accountId}");
        }

        if (!rootHeldByProvider)
        {
            throw new ProgrammeRuleException("aws_account_root", "当社にて払い出し、ルートユーザを保有しているAWSアカウントのみ連携できます。",
                "Only AWS accounts the provider issued and whose root user it holds can be linked.");
        }

        await db.RequireCompanyAsync(companyId, cancellationToken);
        var owner = await db.AwsAccounts.IgnoreQueryFilters().Where(a => a.AccountId == id && a.UnlinkedAt == null).Select(a => (Guid?)a.CompanyId).SingleOrDefaultAsync(cancellationToken);
        if (owner is not null)
        {
            throw new ProgrammeRuleException("aws_account_taken",
                owner == companyId ? $"AWSアカウント {id} は既に連携済みです。" : $"AWSアカウント {id} は別の会社に連携されています。",
                owner == companyId ? $"AWS account {id} is already linked." : $"AWS account {id} is linked to another company.");
        }

        var account = new AwsAccount
        {
            CompanyId = companyId, AccountId = id, RootHeldByProvider = true, DisplayName = displayName,
            LinkedAt = clock.GetUtcNow(), LinkedBy = staffId,
        };
        db.AwsAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>BAS-4: whether the account is under a monitoring/maintenance contract, and its Backlog project.</summary>
    public async Task<AwsAccount> SetMaintenanceAsync(Guid awsAccountId, bool underMaintenance, string? backlogProjectKey, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        var account = await db.AwsAccounts.SingleOrDefaultAsync(a => a.Id == awsAccountId, cancellationToken) ?? throw new NotFoundException("AWSアカウント", awsAccountId);
        var key = string.IsNullOrWhiteSpace(backlogProjectKey) ? null : backlogProjectKey.Trim();
        if (underMaintenance && (key is null || !BacklogKeyPattern().IsMatch(key)))
        {
            throw new ProgrammeRuleException("backlog_key", "運用保守契約のあるアカウントにはBacklogのプロジェクトキー(英大文字・数字・_)が必要です。",
                "An account under a maintenance contract needs its Backlog project key (A-Z, 0-9, _).");
        }

        account.UnderMaintenanceContract = underMaintenance;
        account.BacklogProjectKey = underMaintenance ? key : null;
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    public async Task<IReadOnlyList<AwsAccount>> ListAsync(Guid companyId, CancellationToken cancellationToken = default) =>
        await db.AwsAccounts.AsNoTracking().Where(a => a.CompanyId == companyId).OrderBy(a => a.AccountId).ToListAsync(cancellationToken);

    /// <summary>Unlinks an account: the row stays as history (who linked and unlinked it, when); the id may be linked again.</summary>
    public async Task UnlinkAsync(Guid awsAccountId, Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        var account = await db.AwsAccounts.SingleOrDefaultAsync(a => a.Id == awsAccountId, cancellationToken) ?? throw new NotFoundException("AWSアカウント", awsAccountId);
        account.UnlinkedAt = clock.GetUtcNow();
        account.UnlinkedBy = staffId;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every account the company has had, linked and unlinked, newest link first (staff).</summary>
    public async Task<IReadOnlyList<AwsAccount>> HistoryAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await db.RequireCompanyAsync(companyId, cancellationToken);
        return await db.AwsAccounts.IgnoreQueryFilters().AsNoTracking().Where(a => a.CompanyId == companyId)
            .OrderBy(a => a.UnlinkedAt != null).ThenByDescending(a => a.LinkedAt).ToListAsync(cancellationToken);
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{1,31}$")]
    private static partial Regex BacklogKeyPattern();
}
