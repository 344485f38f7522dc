using System.Globalization;
using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Workflows;

/// <summary>
/// Admin: a service's apply form, edited with the designer's form schema editor (live preview, checked as the admin types)
/// and published as a new version. Applications already made keep the version they were made under. Publishing from an
/// old version (another admin published in between) is refused with 409 and the admin's schema is shown again, not lost.
/// </summary>
public sealed class ApplyFormModel(CatalogueService catalogue, ApplyForms forms, StaffAudit audit, IStringLocalizer<SharedResource> text) : StaffPageModel
{
    /// <summary>The longest schema accepted (characters).</summary>
    public const int MaxSchema = 100_000;

    public CatalogueEntry Service { get; private set; } = null!;

    public IReadOnlyList<ApplyFormVersion> Versions { get; private set; } = [];

    /// <summary>The schema being edited (the published one, or what the admin posted when it was refused).</summary>
    [BindProperty]
    public string? Schema { get; set; }

    /// <summary>The version the admin started from.</summary>
    [BindProperty]
    public int? BaseVersion { get; set; }

    /// <summary>The editor's bootstrap (read by apply-form.js from a JSON block).</summary>
    public string EditorJson => JsonSerializer.Serialize(new
    {
        culture = PortalCultures.IsJapanese ? "ja" : "en",
        text = DesignerText.For(text),
    }, DesignerJson.Options);

    public async Task<IActionResult> OnGetAsync(string id, int? version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        BaseVersion = Service.FormVersion;
        Schema = Pretty(version is { } v ? Versions.FirstOrDefault(x => x.Version == v)?.Schema ?? Service.ApplyForm : Service.ApplyForm);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await RefuseUnboundAsync(() => LoadAsync(id, cancellationToken)) is { } unbound)
        {
            return unbound;
        }

        if (string.IsNullOrWhiteSpace(Schema) || Schema.Length > MaxSchema)
        {
            return await RefuseAsync(text["ApplyForm.Empty", MaxSchema], StatusCodes.Status400BadRequest, () => LoadAsync(id, cancellationToken));
        }

        if (forms.Problems(Schema) is { Count: > 0 } problems)
        {
            foreach (var (field, problem) in problems)
            {
                ModelState.AddModelError(string.Empty, $"{field}: {problem}");
            }

            return await RefuseAsync(text["ApplyForm.Refused"], StatusCodes.Status400BadRequest, () => LoadAsync(id, cancellationToken));
        }

        var published = BaseVersion;
        return await ChangeAsync(async () =>
        {
            published = await catalogue.PublishFormAsync(id, Schema, BaseVersion, StaffId, cancellationToken);
            await audit.RunAsync(PageActor.Of(User), "apply-form.published", null,
                () => Task.FromResult<string?>($"{id} v{published?.ToString(CultureInfo.InvariantCulture)} (was v{BaseVersion?.ToString(CultureInfo.InvariantCulture) ?? "-"})"), cancellationToken);
        }, "ApplyForm.Published", () => LoadAsync(id, cancellationToken), new { id });
    }

    /// <summary>The form checked as the admin types: the form language's parser plus the known option sources.</summary>
    public IActionResult OnPostForm([FromBody] DesignerFormRequest request)
    {
        if (request is null || request.Form.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return new JsonResult(new { error = text["Designer.BadGraph"].Value }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        return new JsonResult(new { errors = forms.Problems(request.Form.GetRawText()).Select(p => $"{p.Field}: {p.Problem}").ToList() });
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            Service = await catalogue.GetAsync(id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        Versions = await catalogue.FormVersionsAsync(id, cancellationToken);
        return true;
    }

    private static string? Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return json;
        }

        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, PrettyOptions);
    }

    private static readonly JsonSerializerOptions PrettyOptions = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
