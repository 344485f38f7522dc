using System.Net;
using CloudpackPlus.Core.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace CloudpackPlus.Portal.Security;

/// <summary>
/// Answers 503 (with Retry-After) to a request that met a database outage (<see cref="DatabaseOutage"/>), wherever it
/// met it: in a page, or in the session check that reads the user's security stamp on every request. The session
/// cookie is left as it is, so a restart of PostgreSQL does not sign anyone out; the next request after the outage
/// checks the stamp again. Other failures go on to the exception handler (500 page).
/// </summary>
internal sealed partial class DatabaseOutageGuard(RequestDelegate next, IStringLocalizer<SharedResource> text, ILogger<DatabaseOutageGuard> logger)
{
    /// <summary>Seconds a client is asked to wait.</summary>
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e) && !context.Response.HasStarted)
        {
            LogOutage(context.Request.Path, e.GetBaseException().Message);
            // Clear drops headers set so far, including a Set-Cookie that would end or replace the session.
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(text["Error.Title"].Value, context.RequestAborted);
                return;
            }

            // A page of its own: the layout and the error page would need the database (the signed-in user) again.
            var lang = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja";
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                $"<!DOCTYPE html><html lang=\"{lang}\"><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(text["Error.Title"].Value)}</title>" +
                $"<h1>{WebUtility.HtmlEncode(text["Error.Title"].Value)}</h1><p>{WebUtility.HtmlEncode(text["Error.Text"].Value)}</p></html>",
                context.RequestAborted);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable while serving {Path}: answered 503 ({Error})")]
    private partial void LogOutage(PathString path, string error);
}
