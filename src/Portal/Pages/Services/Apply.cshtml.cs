using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Portal.Tenancy;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Services;

/// <summary>
/// APP-1, TKT-3: the apply page of ANY service, rendered from the service's apply form schema (no page code per
/// service). The representative posts; the desk checks the data against the same schema and commits the
/// application, the reservation and the workflow start together.
/// </summary>
[RequestSizeLimit(PageHelpers.MaxPostBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PageHelpers.MaxPostBytes)]
public sealed class ApplyModel(CatalogueService catalogue, ApplyForms forms, ApplicationDesk desk, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The form's key: a second post of the same form is the same application.</summary>
    [BindProperty]
    public Guid SubmissionId { get; set; }

    public CatalogueEntry Entry { get; private set; } = null!;

    public string? Why { get; private set; }

    public ApplyFormView? Form { get; private set; }

    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

    public FormFieldsView Fields => new(Form!.Schema, Values, "apply", Form) { Errors = FieldErrors };

    /// <summary>Refusals by field, shown beside the field.</summary>
    public Dictionary<string, List<string>> FieldErrors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        SubmissionId = Guid.CreateVersion7();
        // A link may preselect values, e.g. /Services/Apply/TRAIN-1?topic=… from the training menu.
        Values = Form?.Schema.Fields.Where(f => Request.Query.ContainsKey(f.Name))
            .ToDictionary(f => f.Name, f => Request.Query[f.Name].ToString(), StringComparer.Ordinal) ?? new Dictionary<string, string>();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Form is null || SubmissionId == Guid.Empty)
        {
            return BadRequest();
        }

        ModelState.Clear(); // the desk validates everything and the page says it in the reader's language
        var (data, errors) = TaskForms.Read(Form.Schema, Request.Form);
        if (errors.Count == 0)
        {
            try
            {
                var result = await desk.ApplyAsync(Entry.Id, SubmissionId, data, PortalClaims.PersonIdOf(User)!.Value, await UploadsAsync(cancellationToken), cancellationToken);
                TempData["Flash"] = result.Created ? "Apply.Done" : "Apply.AlreadyDone";
                return Redirect($"/Applications/{result.ApplicationId}");
            }
            catch (FormRejectedException e)
            {
                errors.AddRange(e.Errors);
            }
            catch (ProgrammeRuleException e)
            {
                ModelState.AddModelError(string.Empty, PortalCultures.MessageOf(e));
            }
        }

        foreach (var error in errors)
        {
            var message = TaskForms.Message(error, Form.Schema, text);
            ModelState.AddModelError(string.Empty, message);
            if (!FieldErrors.TryGetValue(error.Field, out var messages))
            {
                FieldErrors[error.Field] = messages = [];
            }

            messages.Add(message);
        }

        Values = TaskForms.Posted(Form.Schema, Request.Form);
        return Page();
    }

    // The files of the form's file fields (posted as f_<name>); the desk checks them (type, size, count).
    private async Task<List<ApplyUpload>> UploadsAsync(CancellationToken cancellationToken)
    {
        var uploads = new List<ApplyUpload>();
        foreach (var file in Request.Form.Files.Where(f => f.Name.StartsWith(TaskForms.Prefix, StringComparison.Ordinal) && f.Length > 0))
        {
            using var content = new MemoryStream();
            await file.OpenReadStream().CopyToAsync(content, cancellationToken);
            uploads.Add(new ApplyUpload(file.Name[TaskForms.Prefix.Length..], file.FileName, content.ToArray()));
        }

        return uploads;
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return false;
        }

        // One read of the entry, with the company's situation; an unknown or withdrawn service is not offered at all.
        ServiceAvailability availability;
        try
        {
            availability = await catalogue.CheckAsync(companyId, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        if (availability.Reason == UnavailableReason.Withdrawn)
        {
            return false;
        }

        Entry = availability.Entry;
        Why = ApplyAvailability.Why(availability, representative: true, text); // the page is for representatives only
        Form = Why is null ? await forms.LoadAsync(Entry, companyId, cancellationToken) : null;
        return true;
    }
}
