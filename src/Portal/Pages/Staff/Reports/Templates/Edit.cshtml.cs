using CloudpackPlus.Activities.Reports;
using CloudpackPlus.Core.Reports;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Reports.Templates;

/// <summary>
/// Staff console, REPORT-1: edits a service's report template in one language. Preview renders the draft on the
/// service's sample data into the page's sandboxed preview pane (live: the page's script posts the draft there when
/// typing pauses); publish makes the next version, which the next report uses.
/// A template that does not parse is refused with its line and column and the published version stays.
/// </summary>
[RequestSizeLimit(1024 * 1024)]
public sealed class EditModel(ReportTemplateStore store, ReportTemplatePreview preview, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The preview's policy: a report view's (sandbox, no script) with framing by this origin only.</summary>
    public static readonly string PreviewPolicy = ReportDownload.ViewPolicy.Replace("frame-ancestors 'none'", "frame-ancestors 'self'", StringComparison.Ordinal);

    [BindProperty(SupportsGet = false)]
    public string Body { get; set; } = "";

    public string Service { get; private set; } = "";

    public string Culture { get; private set; } = "";

    public IReadOnlyList<ReportTemplate> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string service, string culture, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(service, culture, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            Body = (await store.PublishedAsync(service, culture, cancellationToken)).Body;
            History = await store.HistoryAsync(service, culture, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            Body = ""; // neither published nor shipped: staff write the first version here
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string service, string culture, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(service, culture, cancellationToken))
        {
            return NotFound();
        }

        // The editor's preview pane frames this answer: sandboxed like a report view, but framable by this origin.
        Response.Headers.ContentSecurityPolicy = PreviewPolicy;
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        Response.Headers.CacheControl = "no-store";
        try
        {
            var html = await preview.RenderAsync(service, culture, Body, cancellationToken);
            return Content(html, "text/html; charset=utf-8");
        }
        catch (ReportTemplateException e)
        {
            // Shown in the pane; the published version and the editor's text stay as they are.
            var message = System.Net.WebUtility.HtmlEncode(text["ReportTemplates.ParseError", e.Line, e.Column, e.Error]);
            var lang = culture == "ja-JP" ? "ja" : "en";
            return new ContentResult
            {
                StatusCode = StatusCodes.Status422UnprocessableEntity, ContentType = "text/html; charset=utf-8",
                Content = $"<!DOCTYPE html><html lang=\"{lang}\"><meta charset=\"utf-8\"><body><p data-test=\"preview-error\" style=\"color:#b00020;font-family:sans-serif\">{message}</p></body></html>",
            };
        }
    }

    public async Task<IActionResult> OnPostPublishAsync(string service, string culture, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(service, culture, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var published = await store.PublishAsync(service, culture, Body, PortalClaims.PersonIdOf(User)?.ToString() ?? User.Identity?.Name ?? "staff", cancellationToken);
            _ = published;
            TempData["Flash"] = "ReportTemplates.PublishedFlash";
            return Redirect($"/Staff/Reports/Templates/{service}/{culture}");
        }
        catch (ReportTemplateException e)
        {
            return Refused(e);
        }
    }

    private PageResult Refused(ReportTemplateException e)
    {
        ModelState.AddModelError(string.Empty, text["ReportTemplates.ParseError", e.Line, e.Column, e.Error]);
        return Page();
    }

    private async Task<bool> LoadAsync(string service, string culture, CancellationToken cancellationToken)
    {
        Service = service;
        Culture = culture;
        var slots = await store.ListAsync(cancellationToken);
        if (!slots.Any(s => s.ServiceId == service && s.Culture == culture))
        {
            return false;
        }

        History = await store.HistoryAsync(service, culture, cancellationToken);
        return true;
    }
}
