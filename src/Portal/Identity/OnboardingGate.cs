using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace CloudpackPlus.Portal.Identity;

/// <summary>Marks the pages a signed-in user may reach before the set-up is complete (password change, MFA enrolment, sign-out).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowDuringOnboardingAttribute : Attribute
{
    /// <summary>The only set-up stage the page serves (e.g. enrolment only once the password is changed); null = any.</summary>
    public string? Stage { get; init; }
}

/// <summary>
/// Until the temporary password is changed (ONB-2) and TOTP is set (MFA-1), a signed-in user
/// reaches only the set-up pages: any other endpoint that requires authorization sends pages
/// to the current set-up step and answers 403 to APIs.
/// </summary>
internal sealed class OnboardingGate(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Account/ChangePassword";
    public const string EnrolMfaPath = "/Account/Mfa/Enrol";

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        var stage = user.FindFirstValue(PortalClaims.Stage);
        if (user.Identity?.IsAuthenticated != true || stage is null or PortalClaims.StageReady)
        {
            return next(context);
        }

        var endpoint = context.GetEndpoint();
        var allowed = endpoint?.Metadata.GetMetadata<AllowDuringOnboardingAttribute>();
        if (endpoint is null
            || (allowed is not null && (allowed.Stage is null || allowed.Stage == stage))
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null)
        {
            return next(context);
        }

        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        context.Response.Redirect(stage == PortalClaims.StagePassword ? ChangePasswordPath : EnrolMfaPath);
        return Task.CompletedTask;
    }
}
