using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace CloudpackPlus.Portal.Security;

/// <summary>
/// Refuses (400) a query string or form whose values hold control characters other than tab and line breaks, and a
/// form body that cannot be read: no page has a use for them, and a NUL reaching PostgreSQL breaks the statement.
/// </summary>
internal sealed class ControlCharacterGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The status-code page re-executes the request: it must render, not be refused again.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && await RefusalAsync(context.Request) is { } status)
        {
            // The error page re-executes this request. ASP.NET Core's form reader refuses a URL-encoded NUL outright
            // (InvalidDataException, "The path contains null characters") and caches nothing, so the error page's model
            // binding read the spent body again, failed quietly and made the 400 a 500 with nothing logged: from here on
            // the request has an empty form.
            context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = DatabaseOutageGuard.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return;
        }

        await next(context);
    }

    /// <summary>
    /// 400 for control characters or a form that cannot be read; 503 when the form could not be buffered because the
    /// host's temporary folder is full (a post above 64 KB, an attachment, is buffered to disk): the request was fine,
    /// the server could not take it now (issue #17, disk full).
    /// </summary>
    private static async Task<int?> RefusalAsync(HttpRequest request)
    {
        try
        {
            return await IsHostileAsync(request) ? StatusCodes.Status400BadRequest : null;
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            return StatusCodes.Status503ServiceUnavailable;
        }
    }

    /// <summary>ENOSPC (28) or EDQUOT (122) on Unix, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
    internal static bool IsDiskFull(IOException e) =>
        e.HResult is 28 or 122 || (e.HResult & 0xFFFF) is 0x70 or 0x27;

    private static async Task<bool> IsHostileAsync(HttpRequest request)
    {
        if (request.Query.Any(q => HasControl(q.Key) || HasControl(q.Value)))
        {
            return true;
        }

        if (!request.HasFormContentType)
        {
            return false;
        }

        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.Any(f => HasControl(f.Key) || HasControl(f.Value)) || form.Files.Any(f => HasControl(f.FileName) || HasControl(f.Name));
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException || e is IOException io && !IsDiskFull(io))
        {
            return true;
        }
    }

    private static bool HasControl(StringValues values)
    {
        foreach (var value in values)
        {
            if (HasControl(value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasControl(string? value) => value is not null && value.AsSpan().IndexOfAny(Forbidden) >= 0;

    /// <summary>C0 controls except tab, line feed and carriage return, and DEL.</summary>
    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\u007F']);
}
