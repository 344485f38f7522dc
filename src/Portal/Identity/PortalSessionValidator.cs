using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudpackPlus.Portal.Identity;

/// <summary>
/// The per-request session check (the security stamp on every request: a password change, a re-issued login, an MFA
/// reset or a role change signs the user out everywhere at once), in one short statement. Identity's validator, with a
/// validation interval of zero, loads the user through EF, rebuilds the principal with the claims factory and re-issues
/// the cookie (a new encrypted ticket and a Set-Cookie) on every request. Here one prepared SELECT reads the stamp and
/// every column the cookie's claims come from (<see cref="PortalClaimsPrincipalFactory"/>): when they all match the
/// cookie, the principal Identity would build is the one the cookie already holds, so the request goes on with it (the
/// cookie handler's sliding expiration still renews it past half its lifetime). Anything else (another stamp, a changed
/// name, role or set-up stage, a deleted user, a cookie without a stamp) takes Identity's full path: rebuild and
/// re-issue, or reject and sign out, exactly as before. The row is kept per host (<see cref="SessionRowCache"/>) and
/// dropped when PostgreSQL notifies a change of it from any host, so while nothing changes the check costs no SQL; while
/// the listener is down every check reads the row again.
/// </summary>
internal sealed class PortalSessionValidator(
    NpgsqlDataSource dataSource,
    SessionRowCache cache,
    IOptions<SecurityStampValidatorOptions> options,
    IOptions<IdentityOptions> identity)
    : ISecurityStampValidator
{
    // The portal adds no rows to identity.user_claims or identity.user_roles (the role is a column), so these columns are
    // all the claims factory reads.
    private const string Sql = """
        SELECT security_stamp, user_name, email, role, person_id, display_name, company_id, must_change_password, two_factor_enabled
        FROM identity.users WHERE id = $1
        """;

    private TimeProvider Clock => options.Value.TimeProvider ?? TimeProvider.System;

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Identity's own rule for when a check is due (always, with the interval of zero, once the clock has moved on).
        if (context.Properties.IssuedUtc is { } issued && Clock.GetUtcNow() - issued <= options.Value.ValidationInterval)
        {
            return;
        }

        if (!await MatchesAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            // Identity's validator only now: it needs the sign-in manager, the user manager and their DbContext, which a
            // request whose cookie matches never builds (issue #17: a third of a page's DbContext cost).
            await context.HttpContext.RequestServices.GetRequiredService<SecurityStampValidator<PortalUser>>().ValidateAsync(context);
        }
    }

    /// <summary>Whether the user's row (from this host's cache, else one SELECT) still yields exactly the claims <paramref name="principal"/> holds.</summary>
    private async Task<bool> MatchesAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        var claims = identity.Value.ClaimsIdentity;
        var stamp = principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (principal is null || string.IsNullOrEmpty(stamp) || !Guid.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out var id))
        {
            return false;
        }

        if (!cache.TryGet(id, out var row))
        {
            var readAt = cache.Generation;
            row = await ReadAsync(id, cancellationToken);
            if (row is null)
            {
                return false;
            }

            cache.Keep(id, row, readAt);
        }

        return row!.SecurityStamp == stamp
            && row.UserName == principal.FindFirstValue(claims.UserNameClaimType)
            && row.Email == principal.FindFirstValue(claims.EmailClaimType)
            && SameClaims(principal, claims.RoleClaimType, row.Role)
            && row.PersonId.ToString() == principal.FindFirstValue(PortalClaims.PersonId)
            && row.DisplayName == principal.FindFirstValue(PortalClaims.DisplayName)
            && row.CompanyId?.ToString() == principal.FindFirstValue(PortalClaims.CompanyId)
            && row.Stage == principal.FindFirstValue(PortalClaims.Stage);
    }

    private async Task<SessionRow?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new SessionRow(Text(0), Text(1), Text(2), Text(3), reader.GetGuid(4), Text(5), reader.IsDBNull(6) ? null : reader.GetGuid(6),
            PortalClaimsPrincipalFactory.StageOf(reader.GetBoolean(7), reader.GetBoolean(8)));
    }

    /// <summary>The principal holds exactly one claim of <paramref name="type"/>, with <paramref name="value"/>.</summary>
    private static bool SameClaims(ClaimsPrincipal principal, string type, string? value)
    {
        var found = principal.FindAll(type).ToList();
        return found.Count == 1 && found[0].Value == value;
    }
}
