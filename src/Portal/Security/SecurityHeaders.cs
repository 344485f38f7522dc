using Microsoft.AspNetCore.Http;

namespace CloudpackPlus.Portal.Security;

/// <summary>
/// A strict Content-Security-Policy (no inline script or style, nothing from other origins)
/// and the usual hardening headers, on every response.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            // The Hangfire dashboard (admin only) ships inline scripts; it gets a policy of its own.
            var isDashboard = ((HttpContext)state).Request.Path.StartsWithSegments("/admin/jobs", StringComparison.OrdinalIgnoreCase);
            // A response that set its own (stricter) policy keeps it: attachment downloads are sandboxed.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = isDashboard
                    ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
                    : ContentSecurityPolicy;
            }

            headers.XContentTypeOptions = "nosniff";
            if (string.IsNullOrEmpty(headers.XFrameOptions))
            {
                headers.XFrameOptions = "DENY"; // a response framed on purpose (the template editor's preview) set SAMEORIGIN
            }
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (((HttpContext)state).Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
