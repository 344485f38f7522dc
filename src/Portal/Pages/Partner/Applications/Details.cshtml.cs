using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.WebScan;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.WebScan;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Pages.Partner.Applications;

/// <summary>
/// WEB-L: one application assigned to the signed-in partner engineer (404 for any other): the hearing sheet, the agreed
/// dates, the customer's pre-work checklist, the engineer's own tasks (the scan and report upload, multipart) and the files.
/// </summary>
[RequestSizeLimit(PageHelpers.MaxPostBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PageHelpers.MaxPostBytes)]
public sealed class DetailsModel(PartnerDesk desk, CatalogueService catalogue, IStringLocalizer<SharedResource> text) : PageModel
{
    public PartnerApplication Application { get; private set; } = null!;

    public CatalogueEntry Service { get; private set; } = null!;

    /// <summary>The hearing sheet: (label, value as shown) per answered field of the apply form.</summary>
    public IReadOnlyList<(string Label, string Value)> Sheet { get; private set; } = [];

    public IReadOnlyList<ChecklistItem> Checklist { get; private set; } = [];

    public IReadOnlyList<WorkflowTask> Tasks { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Field, string FileName, long Size)> Files { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public Guid? FailedTask { get; private set; }

    public TaskFormView FormOf(WorkflowTask task) =>
        TaskForms.View(task, "Task", task.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed, FailedTask == task.Id ? Request.Form : null);

    private Guid PartnerId => PortalClaims.PersonIdOf(User)!.Value;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>A file of the application (the report, the apply form's files), always as a download.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid fileId, CancellationToken cancellationToken)
    {
        try
        {
            var file = await desk.FileAsync(PartnerId, id, fileId, cancellationToken);
            if (file is null)
            {
                return NotFound();
            }

            Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            Response.Headers.XContentTypeOptions = "nosniff";
            Response.Headers.CacheControl = "private, no-store";
            return File(file.Content, file.ContentType, file.FileName);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>Completes the engineer's task with its form and uploaded files (the report).</summary>
    public async Task<IActionResult> OnPostTaskAsync(Guid id, Guid taskId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var task = Tasks.FirstOrDefault(t => t.Id == taskId);
        if (task is null)
        {
            return NotFound();
        }

        var schema = FormSchema.Parse(task.FormSchema);
        var (data, readErrors) = TaskForms.Read(schema, Request.Form);
        var uploads = new List<ApplyUpload>();
        foreach (var file in Request.Form.Files.Where(f => f.Name.StartsWith(TaskForms.Prefix, StringComparison.Ordinal) && f.Length > 0))
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, cancellationToken);
            uploads.Add(new ApplyUpload(file.Name[TaskForms.Prefix.Length..], file.FileName, content.ToArray()));
        }

        var result = readErrors.Count > 0
            ? new TaskCommandResult(TaskCommandOutcome.Invalid, []) { FormErrors = readErrors }
            : await desk.CompleteAsync(PartnerId, id, taskId, data, uploads, cancellationToken);
        if (result.Outcome == TaskCommandOutcome.Succeeded)
        {
            TempData["Flash"] = "Tasks.Completed";
            return Redirect($"/Partner/Applications/{id}");
        }

        FailedTask = taskId;
        Errors.AddRange(result.FormErrors.Count > 0 ? result.FormErrors.Select(e => TaskForms.Message(e, schema, text))
            : [text["Partner.TaskRefused", result.Outcome.ToString()].Value]);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Application = await desk.GetAsync(PartnerId, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        Service = await catalogue.GetAsync(Application.ServiceId, cancellationToken);
        // The hearing sheet as the customer filled it in: the form version of the application, not today's form.
        Sheet = SheetOf(await catalogue.FormOfVersionAsync(Service, Application.ApplyFormVersion, cancellationToken), Application.Details);
        Checklist = await desk.ChecklistAsync(PartnerId, id, cancellationToken);
        Tasks = await desk.TasksAsync(PartnerId, id, cancellationToken);
        Files = await desk.FilesAsync(PartnerId, id, cancellationToken);
        return true;
    }

    private List<(string, string)> SheetOf(string? form, string details)
    {
        var japanese = Localization.PortalCultures.IsJapanese;
        var schema = string.IsNullOrWhiteSpace(form) ? new FormSchema([]) : FormSchema.Parse(form);
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(string.IsNullOrWhiteSpace(details) ? "{}" : details) ?? [];
        return schema.Fields.Where(f => values.ContainsKey(f.Name) && f.Type != "file")
            .Select(f => (f.LabelIn(japanese), TaskForms.Display(f, values[f.Name], text))).ToList();
    }
}
