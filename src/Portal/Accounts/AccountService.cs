using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Accounts;

/// <summary>
/// Issues, re-issues, edits and deletes sign-in accounts. Every change commits with its audit
/// entry and its mail in one transaction; the temporary password travels only in the mail (ONB-1, ONB-3, USER-2).
/// </summary>
public sealed class AccountService(
    CoreDbContext core,
    PortalIdentityDbContext identity,
    UserManager<PortalUser> users,
    MailOutbox outbox,
    IOptions<MailOptions> mailOptions,
    TimeProvider clock,
    IOptions<PortalOptions> portalOptions)
{
    public const string AccountIssuedTemplate = "account-issued";
    public const string LoginReissuedTemplate = "login-reissued";
    public const string MfaResetTemplate = "mfa-reset";

    /// <summary>The longest e-mail address a person and an account can hold (RFC 5321's path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>The longest display name a person and an account can hold.</summary>
    public const int MaxDisplayNameLength = 200;

    /// <summary>Creates the person (or reuses the company's existing one) and the account with a temporary password mailed to it.</summary>
    public async Task<AccountResult> IssueAsync(NewAccount request, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var email = request.Email.Trim();

        // The columns' sizes (Person, PortalUser): a longer value would fail in the database, a 500 (issue #17).
        if (email.Length > MaxEmailLength || request.DisplayName.Length > MaxDisplayNameLength)
        {
            return AccountResult.Fail(ErrorCodes.TooLong);
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return AccountResult.Fail(ErrorCodes.EmailTaken);
        }

        if (await IsSuspendedAsync(request.CompanyId, cancellationToken))
        {
            return AccountResult.Fail(ErrorCodes.Suspended);
        }

        AccountResult result;
        try
        {
            result = await SharedTransaction.RunAsync(core, identity, async () =>
            {
                var person = await core.People.SingleOrDefaultAsync(p => p.Email == email, cancellationToken);
                if (person is not null && (person.CompanyId != request.CompanyId || person.Role != request.Role))
                {
                    return AccountResult.Fail(ErrorCodes.EmailTaken);
                }

                if (person is null)
                {
                    person = new Person { CompanyId = request.CompanyId, Email = email, DisplayName = request.DisplayName, Role = request.Role, CreatedAt = clock.GetUtcNow() };
                    core.People.Add(person);
                    await core.SaveChangesAsync(cancellationToken);
                }

                var user = new PortalUser
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    PersonId = person.Id,
                    CompanyId = request.CompanyId,
                    DisplayName = request.DisplayName,
                    Role = request.Role,
                    MustChangePassword = true,
                    TemporaryPasswordExpiresAt = TemporaryPasswordExpiry(),
                    Culture = request.Culture,
                    CreatedAt = clock.GetUtcNow(),
                };
                var password = TemporaryPassword.Create();
                var created = await users.CreateAsync(user, password);
                if (!created.Succeeded)
                {
                    throw new AccountException(created.Errors.Select(e => e.Code).ToArray());
                }

                Mail(user, AccountIssuedTemplate, password);
                Audit(actor, "user.created", user, $"role={user.Role}");
                await identity.SaveChangesAsync(cancellationToken);
                return new AccountResult(user, []);
            }, cancellationToken);
        }
        catch (AccountException ex)
        {
            return new AccountResult(null, ex.Errors);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The address belongs to a person of another company (invisible to this tenant).
            return AccountResult.Fail(ErrorCodes.EmailTaken);
        }

        outbox.DispatchStaged();
        return result;
    }

    /// <summary>USER-2: a new temporary password (mailed), lockout cleared, every session signed out.</summary>
    public Task<AccountResult> ReissueLoginAsync(Guid userId, Actor actor, CancellationToken cancellationToken) =>
        NewTemporaryPasswordAsync(userId, actor, LoginReissuedTemplate, "user.login-reissued", null, async user =>
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }, cancellationToken);

    /// <summary>
    /// USER-2, MFA-1: the authenticator and recovery codes are removed and, always with it, a new temporary password
    /// is mailed (whoever asked for the reset must not be able to sign in as the user): one transaction with the audit
    /// entry and the mail; every session is signed out and the next sign-in enrols MFA again.
    /// </summary>
    public Task<AccountResult> ResetMfaAsync(Guid userId, Actor actor, CancellationToken cancellationToken) =>
        NewTemporaryPasswordAsync(userId, actor, MfaResetTemplate, "user.mfa-reset", "MFA reset; new temporary password mailed", async user =>
        {
            user.TotpSecretProtected = null;
            user.LastTotpTimeStep = null;
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0); // replaces the codes with none
        }, cancellationToken);

    /// <summary>
    /// Replaces the user's password with a new temporary one and applies <paramref name="alsoChange"/>, in one
    /// transaction with the audit entry and the mail; the new security stamp signs every session out.
    /// </summary>
    private async Task<AccountResult> NewTemporaryPasswordAsync(
        Guid userId, Actor actor, string template, string action, string? detail, Func<PortalUser, Task> alsoChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return AccountResult.Fail(ErrorCodes.NotFound);
        }

        var password = TemporaryPassword.Create();
        await using var transaction = await identity.Database.BeginTransactionAsync(cancellationToken);
        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded)
        {
            return AccountResult.Fail([.. added.Errors.Select(e => e.Code)]);
        }

        user.MustChangePassword = true;
        user.TemporaryPasswordExpiresAt = TemporaryPasswordExpiry();
        await alsoChange(user);
        await users.UpdateSecurityStampAsync(user);
        Mail(user, template, password);
        Audit(actor, action, user, detail);
        await identity.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.DispatchStaged();
        return new AccountResult(user, []);
    }

    /// <summary>Representative edit (USER-1): name and role within the company.</summary>
    public async Task<AccountResult> UpdateAsync(Guid userId, string displayName, PersonRole role, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await identity.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || user.IsStaff || Person.IsStaffRole(role))
        {
            return AccountResult.Fail(ErrorCodes.NotFound);
        }

        if (user.Id == actor.UserId && role != user.Role)
        {
            return AccountResult.Fail(ErrorCodes.CannotChangeOwnRole);
        }

        if (await IsSuspendedAsync(user.CompanyId, cancellationToken))
        {
            return AccountResult.Fail(ErrorCodes.Suspended);
        }

        return await SharedTransaction.RunAsync(core, identity, async () =>
        {
            var person = await core.People.SingleAsync(p => p.Id == user.PersonId, cancellationToken);
            var detail = $"name={displayName}; role {user.Role}->{role}";
            person.DisplayName = user.DisplayName = displayName;
            person.Role = user.Role = role;
            await core.SaveChangesAsync(cancellationToken);
            await users.UpdateSecurityStampAsync(user); // a changed role takes effect on the next request
            Audit(actor, "user.updated", user, detail);
            await identity.SaveChangesAsync(cancellationToken);
            return new AccountResult(user, []);
        }, cancellationToken);
    }

    /// <summary>
    /// Representative delete (USER-1): the sign-in account goes; the person stays in Core,
    /// because history (applications, conversations) keeps pointing at them.
    /// </summary>
    public async Task<AccountResult> DeleteAsync(Guid userId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await identity.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || user.IsStaff)
        {
            return AccountResult.Fail(ErrorCodes.NotFound);
        }

        if (user.Id == actor.UserId)
        {
            return AccountResult.Fail(ErrorCodes.CannotDeleteSelf);
        }

        await using var transaction = await identity.Database.BeginTransactionAsync(cancellationToken);
        Audit(actor, "user.deleted", user, user.Email);
        await identity.SaveChangesAsync(cancellationToken);
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            return AccountResult.Fail([.. deleted.Errors.Select(e => e.Code)]);
        }

        await transaction.CommitAsync(cancellationToken);
        return new AccountResult(user, []);
    }

    /// <summary>ELIG-4: a suspended company is read-only (removing access stays possible).</summary>
    private async Task<bool> IsSuspendedAsync(Guid? companyId, CancellationToken cancellationToken) =>
        companyId is { } id && await core.Companies.AnyAsync(c => c.Id == id && c.Status == CompanyStatus.Suspended, cancellationToken);

    /// <summary>ONB-2: a temporary password is good for <see cref="PortalOptions.TemporaryPasswordLifetime"/>; then staff re-issue it.</summary>
    private DateTimeOffset TemporaryPasswordExpiry() => clock.GetUtcNow() + portalOptions.Value.TemporaryPasswordLifetime;

    private void Mail(PortalUser user, string template, string password) =>
        outbox.Add(user.Email!, user.DisplayName, template, user.Culture, new
        {
            Name = user.DisplayName,
            Email = user.Email,
            Password = password,
            PortalUrl = mailOptions.Value.PortalUrl,
        });

    private void Audit(Actor actor, string action, PortalUser target, string? detail) =>
        identity.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorUserId = actor.UserId,
            ActorEmail = actor.Email,
            Action = action,
            TargetUserId = target.Id,
            CompanyId = target.CompanyId,
            Detail = detail,
        });
}
