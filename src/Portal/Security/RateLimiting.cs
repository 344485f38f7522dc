using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Portal.Security;

/// <summary>
/// ASP.NET Core's rate limiter over the posts of <see cref="RateLimitSettings"/>: a fixed window per client address
/// chained with one per account (the e-mail typed at sign-in, the user half-way through the second factor, or the
/// signed-in user). A refusal answers 429 with Retry-After; browsers get the error page in their language through the
/// status-code pages.
/// </summary>
public static class RateLimiting
{
    private const string AccountKey = "cp.ratelimit.account";

    public static IServiceCollection AddCloudpackRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitSettings>().BindConfiguration("Portal:RateLimits")
            .Validate(o => o.SignIn.PerAddress > 0 && o.SignIn.PerAccount > 0 && o.Mail.PerAddress > 0 && o.Mail.PerAccount > 0
                && o.SignIn.Window > TimeSpan.Zero && o.Mail.Window > TimeSpan.Zero, "Portal:RateLimits: every limit and window must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>>((o, settings) =>
        {
            var limits = settings.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(c => Partition(c, limits, byAccount: false)),
                PartitionedRateLimiter.Create<HttpContext, string>(c => Partition(c, limits, byAccount: true)));
            o.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : WindowOf(context.HttpContext, limits);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>Finds the account a limited post is about (after authentication), then applies the limits.</summary>
    public static IApplicationBuilder UseCloudpackRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (KindOf(context, context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value) is not null)
            {
                context.Items[AccountKey] = await AccountOfAsync(context);
            }

            await next(context);
        });
        return app.UseRateLimiter();
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitSettings limits, bool byAccount)
    {
        var kind = KindOf(context, limits);
        var window = kind == "mail" ? limits.Mail : limits.SignIn;
        var key = byAccount ? context.Items[AccountKey] as string : context.Connection.RemoteIpAddress?.ToString() ?? "local";
        if (kind is null || string.IsNullOrEmpty(key))
        {
            return RateLimitPartition.GetNoLimiter("none");
        }

        return RateLimitPartition.GetFixedWindowLimiter($"{kind}:{(byAccount ? "account" : "address")}:{key}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = byAccount ? window.PerAccount : window.PerAddress,
            Window = window.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static TimeSpan WindowOf(HttpContext context, RateLimitSettings limits) =>
        KindOf(context, limits) == "mail" ? limits.Mail.Window : limits.SignIn.Window;

    /// <summary>"signin", "mail" or null (not limited): only posts count, and never a re-executed error page.</summary>
    private static string? KindOf(HttpContext context, RateLimitSettings limits)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            return null;
        }

        var path = context.Request.Path;
        if (path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/Account/LoginWithRecoveryCode", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/Account/ChangePassword", StringComparison.OrdinalIgnoreCase))
        {
            return "signin";
        }

        return limits.MailPaths.Any(p => IsMailPost(context.Request, p)) ? "mail" : null;
    }

    private static bool IsMailPost(HttpRequest request, string entry)
    {
        var at = entry.IndexOf("?handler=", StringComparison.Ordinal);
        var page = at < 0 ? entry : entry[..at];
        return request.Path.StartsWithSegments(page, StringComparison.OrdinalIgnoreCase)
            && (at < 0 || string.Equals(request.Query["handler"], entry[(at + "?handler=".Length)..], StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<string?> AccountOfAsync(HttpContext context)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } signedIn)
        {
            return "user:" + signedIn;
        }

        var halfway = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (halfway.Principal?.FindFirstValue(ClaimTypes.Name) is { } pending)
        {
            return "user:" + pending;
        }

        if (!context.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var email = form["Email"].ToString().Trim();
            return email.Length is > 0 and <= 256 ? "email:" + email.ToUpperInvariant() : null;
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null; // an unreadable body: the page refuses it, and the address limit still counts it
        }
    }
}
