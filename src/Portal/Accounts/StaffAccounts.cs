using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Accounts;

/// <summary>
/// Admins manage staff sign-in accounts: the list, and disable / enable. A disabled account is locked out for good
/// (<see cref="IsDisabled"/>) and every session is signed out; an admin cannot disable themself or the last enabled
/// admin (checked under one lock, so two admins cannot disable each other at once). Audited in the same transaction.
/// Creating a staff account is <see cref="AccountService.IssueAsync"/> (temporary password mailed, MFA enrolled at first sign-in).
/// </summary>
public sealed class StaffAccounts(PortalIdentityDbContext identity, UserManager<PortalUser> users, TimeProvider clock)
{
    public const string CannotDisableSelf = "CannotDisableSelf";
    public const string LastAdmin = "LastAdmin";
    public const string Conflict = "Conflict";

    public static readonly PersonRole[] Roles = [PersonRole.Csm, PersonRole.CsmLead, PersonRole.Admin];

    public static bool IsDisabled(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LockoutEnd == DateTimeOffset.MaxValue;
    }

    public Task<Paged<PortalUser>> PageAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        Paging.OfAsync(identity.Users.AsNoTracking().Where(u => u.CompanyId == null && Roles.Contains(u.Role))
            .OrderBy(u => u.Role).ThenBy(u => u.DisplayName).ThenBy(u => u.Id), page, pageSize, cancellationToken);

    /// <summary>Disables or enables a staff account; <paramref name="stamp"/> is the concurrency stamp the page showed.</summary>
    public async Task<AccountResult> SetDisabledAsync(Guid userId, bool disabled, string? stamp, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await identity.Database.BeginTransactionAsync(cancellationToken);
        await identity.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('staff-accounts'))", cancellationToken);
        var user = await identity.Users.SingleOrDefaultAsync(u => u.Id == userId && u.CompanyId == null, cancellationToken);
        if (user is null || !Roles.Contains(user.Role))
        {
            return AccountResult.Fail(ErrorCodes.NotFound);
        }

        if (user.ConcurrencyStamp != stamp)
        {
            return AccountResult.Fail(Conflict);
        }

        if (IsDisabled(user) == disabled)
        {
            return new AccountResult(user, []);
        }

        if (disabled && user.Id == actor.UserId)
        {
            return AccountResult.Fail(CannotDisableSelf);
        }

        if (disabled && user.Role == PersonRole.Admin
            && !await identity.Users.AnyAsync(u => u.Id != user.Id && u.CompanyId == null && u.Role == PersonRole.Admin && (u.LockoutEnd == null || u.LockoutEnd != DateTimeOffset.MaxValue), cancellationToken))
        {
            return AccountResult.Fail(LastAdmin);
        }

        user.LockoutEnabled = true;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        user.AccessFailedCount = 0;
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            return AccountResult.Fail(updated.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)) ? Conflict : updated.Errors.First().Code);
        }

        identity.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), ActorUserId = actor.UserId, ActorEmail = actor.Email, Action = disabled ? "user.disabled" : "user.enabled",
            TargetUserId = user.Id, Detail = $"{user.Email} ({user.Role}): {(disabled ? "enabled -> disabled" : "disabled -> enabled")}",
        });
        await identity.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AccountResult(user, []);
    }
}
