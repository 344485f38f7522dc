using System.Text;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Portal.Audit;
using CloudpackPlus.Portal.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Staff.Ranks;

/// <summary>
/// Admin, RANK-2: transaction amounts from a CSV. Upload → preview with row-level errors (nothing written
/// but the confirmable batch of an error-free file) → confirm imports every row in one transaction or none;
/// a second confirm of the same preview is refused (409).
/// </summary>
public sealed class ImportModel(AmountImportService imports, StaffAudit audit, IStringLocalizer<SharedResource> text) : StaffPageModel
{
    public AmountImportPreview? Preview { get; private set; }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return await RefuseAsync(text["Ranks.Import.NoFile"], StatusCodes.Status400BadRequest, NoReload);
        }

        if (file.Length > AmountImportService.MaxBytes)
        {
            return await RefuseAsync(text["Ranks.Import.TooLarge"], StatusCodes.Status400BadRequest, NoReload);
        }

        string csv;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
            csv = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            return await RefuseAsync(text["Ranks.Import.NotUtf8"], StatusCodes.Status400BadRequest, NoReload);
        }

        Preview = await imports.PreviewAsync(csv, StaffId, cancellationToken);
        if (Preview.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            await audit.RunAsync(PageActor.Of(User), "ranks.amounts-imported", null, async () =>
            {
                count = await imports.ConfirmAsync(batchId, StaffId, cancellationToken);
                return $"batch {batchId}: {count} rows";
            }, cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ProgrammeRuleException e)
        {
            return await RefuseAsync(PortalCultures.MessageOf(e), e.Code == "import_confirmed" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, NoReload);
        }

        TempData["Flash"] = "Ranks.Import.Done";
        TempData["FlashCount"] = count;
        return RedirectToPage();
    }

    private static Task<bool> NoReload() => Task.FromResult(true);
}
