using CloudpackPlus.Core.Companies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>The company's AWS accounts: link (ELIG-3), maintenance contract and Backlog project (BAS-4), unlink (kept as history).</summary>
public sealed partial class DetailsModel
{
    public async Task<IActionResult> OnPostLinkAccountAsync(Guid id, string? accountId, string? displayName, bool rootHeldByProvider, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(Reload(id, cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        var name = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        if (name?.Length > 200 || accountId?.Length > 64)
        {
            return await RefuseAsync(text["Validation.TooLong"], StatusCodes.Status400BadRequest, Reload(id, cancellationToken));
        }

        return await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "company.aws-account-linked", id, async () =>
        {
            var account = await awsAccounts.LinkAsync(id, accountId ?? "", rootHeldByProvider, name, StaffId, cancellationToken);
            return account.AccountId;
        }, cancellationToken), "Console.Account.Linked", Reload(id, cancellationToken), new { id });
    }

    public async Task<IActionResult> OnPostMaintenanceAsync(Guid id, Guid awsAccountId, bool underMaintenance, string? backlogProjectKey, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(Reload(id, cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        if (!await OwnsAccount(id, awsAccountId, cancellationToken))
        {
            return NotFound();
        }

        return await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "company.aws-account-maintenance", id, async () =>
        {
            var account = await awsAccounts.SetMaintenanceAsync(awsAccountId, underMaintenance, backlogProjectKey?.Length > 64 ? backlogProjectKey[..64] : backlogProjectKey, StaffId, cancellationToken);
            return $"{account.AccountId} maintenance={account.UnderMaintenanceContract} backlog={account.BacklogProjectKey}";
        }, cancellationToken), "Console.Account.MaintenanceSaved", Reload(id, cancellationToken), new { id });
    }

    public async Task<IActionResult> OnPostUnlinkAsync(Guid id, Guid awsAccountId, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(Reload(id, cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        if (!await OwnsAccount(id, awsAccountId, cancellationToken))
        {
            return NotFound();
        }

        return await ChangeAsync(() => audit.RunAsync(PageActor.Of(User), "company.aws-account-unlinked", id, async () =>
        {
            await awsAccounts.UnlinkAsync(awsAccountId, StaffId, cancellationToken);
            return awsAccountId.ToString();
        }, cancellationToken), "Console.Account.Unlinked", Reload(id, cancellationToken), new { id });
    }

    /// <summary>A linked account of this company (an unlinked one, or another company's, is not found).</summary>
    private Task<bool> OwnsAccount(Guid companyId, Guid awsAccountId, CancellationToken cancellationToken) =>
        core.AwsAccounts.AnyAsync(a => a.Id == awsAccountId && a.CompanyId == companyId, cancellationToken);
}
