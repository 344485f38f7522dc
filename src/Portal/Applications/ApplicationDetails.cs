using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Applications;

/// <summary>Everything an application's page shows.</summary>
public sealed record ApplicationDetails(
    ServiceApplication Application, CatalogueEntry Service, string CompanyName, string AppliedByName, string? CsmName,
    IReadOnlyList<(string Label, string Value)> Asked, IReadOnlyList<TimelineLine> Timeline,
    IReadOnlyList<WorkflowTask> OpenTasks, IReadOnlyList<ConversationLine> Conversation)
{
    /// <summary>The customer may cancel it: open, the service allowed it when applied for (WEB-3, ADV-1), the session not yet begun (TKT-5).</summary>
    public bool CustomerMayCancel(DateTimeOffset now) =>
        Application.IsOpen && Application.CustomerCancellable && !Application.HasStarted(now);

    /// <summary>APP-1: the files uploaded with the apply form.</summary>
    public IReadOnlyList<AttachmentInfo> Files { get; init; } = [];

    /// <summary>Tasks waiting on the customer.</summary>
    public IEnumerable<WorkflowTask> CustomerTasks => OpenTasks.Where(IsCustomerTask);

    /// <summary>A task the customer side answers.</summary>
    public static bool IsCustomerTask(WorkflowTask task) =>
        task.Role is TaskRoles.CustomerRepresentative or TaskRoles.CustomerUser;
}

/// <summary>Loads an application's page: the row (tenant-filtered for customers), its workflow's journal and tasks, the conversation.</summary>
public sealed class ApplicationDetailsLoader(
    CoreDbContext db, ApplicationBook book, CatalogueService catalogue, ConversationService conversation,
    IWorkflowRuntime runtime, ITaskService tasks, ApplyForms forms, IStringLocalizer<SharedResource> text)
{
    /// <summary>The application, or null when it does not exist or belongs to another company than <paramref name="companyId"/> (null: staff, any company).</summary>
    public async Task<ApplicationDetails?> LoadAsync(Guid id, Guid? companyId, CancellationToken cancellationToken)
    {
        var application = await book.FindAsync(id, cancellationToken);
        if (application is null || (companyId is { } company && application.CompanyId != company))
        {
            return null;
        }

        var service = await catalogue.GetAsync(application.ServiceId, cancellationToken);
        var journal = await runtime.GetJournalAsync(application.WorkflowInstanceId, 0, 1000, cancellationToken);
        var all = await tasks.ListForInstanceAsync(application.WorkflowInstanceId, cancellationToken);
        var lines = await conversation.ListAsync(application.Id, cancellationToken);
        var events = await ApplicationEvent.ListAsync(db, application.Id, cancellationToken);
        var people = journal.Select(j => j.Actor).Concat(events.Select(e => e.Actor)).Append(application.AppliedBy.ToString()).Append(application.CsmId?.ToString())
            .Select(a => Guid.TryParse(a, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty);
        var names = await book.NamesAsync(people, cancellationToken);
        var form = await forms.LoadAsync(service, application.CompanyId, application.ApplyFormVersion, cancellationToken);
        var companyName = await db.Companies.IgnoreQueryFilters().Where(c => c.Id == application.CompanyId).Select(c => c.Name).SingleAsync(cancellationToken);
        return new ApplicationDetails(
            application, service, companyName, names.GetValueOrDefault(application.AppliedBy, ""),
            application.CsmId is { } csm ? names.GetValueOrDefault(csm) : null, AskedFor(application.Details, form),
            ApplicationTimeline.Build(events, journal, all, names, text),
            all.Where(t => t.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed).ToList(), lines)
        {
            Files = await db.ApplicationFiles.IgnoreQueryFilters().Where(f => f.ApplicationId == application.Id).OrderBy(f => f.Id)
                .Select(f => new AttachmentInfo(f.Id, f.FileName, f.ContentType, f.Size)).ToListAsync(cancellationToken),
        };
    }

    /// <summary>What the customer asked for, by the apply form's labels (choices by their option's label).</summary>
    private List<(string, string)> AskedFor(string details, ApplyFormView? form)
    {
        var asked = new List<(string, string)>();
        using var document = JsonDocument.Parse(details);
        if (form is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return asked;
        }

        var japanese = PortalCultures.IsJapanese;
        foreach (var field in form.Schema.Fields)
        {
            // Uploaded files are listed with download links, and accepted terms in their own row (the recorded version), not as text here.
            if (field.Type is "file" or "terms" || !document.RootElement.TryGetProperty(field.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var option = value.ValueKind == JsonValueKind.String ? form.OptionsOf(field).FirstOrDefault(o => o.Value == value.GetString()) : null;
            asked.Add((field.LabelIn(japanese), option?.LabelIn(japanese) ?? TaskForms.Display(field, value, text)));
        }

        return asked;
    }
}
