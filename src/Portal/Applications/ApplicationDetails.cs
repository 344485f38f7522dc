using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

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

/// <summary>What an application's page is built from (<see cref="ApplicationDetailsComposer.Compose"/>).</summary>
public sealed record ApplicationDetailParts(
    ServiceApplication Application, CatalogueEntry Service, string CompanyName, IReadOnlyList<JournalEntry> Journal, IReadOnlyList<WorkflowTask> Tasks,
    IReadOnlyList<ConversationLine> Conversation, IReadOnlyList<ApplicationEvent> Events, IReadOnlyDictionary<Guid, string> Names, IReadOnlyList<AttachmentInfo> Files);

/// <summary>Loads an application's page: the row (tenant-filtered for customers), its workflow's journal and tasks, the conversation.</summary>
public sealed class ApplicationDetailsLoader(
    CoreDbContext db, ApplicationBook book, CatalogueService catalogue, ConversationService conversation,
    IWorkflowRuntime runtime, ITaskService tasks, ApplyForms forms, ApplicationDetailsComposer composer)
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
        var journal = await runtime.GetJournalAsync(application.WorkflowInstanceId, 0, JournalLimit, cancellationToken);
        var all = await tasks.ListForInstanceAsync(application.WorkflowInstanceId, cancellationToken);
        var lines = await conversation.ListAsync(application.Id, cancellationToken);
        var events = await ApplicationEvent.ListAsync(db, application.Id, cancellationToken);
        var people = journal.Select(j => j.Actor).Concat(events.Select(e => e.Actor)).Append(application.AppliedBy.ToString()).Append(application.CsmId?.ToString())
            .Select(a => Guid.TryParse(a, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty);
        var names = await book.NamesAsync(people, cancellationToken);
        var form = await forms.LoadAsync(service, application.CompanyId, application.ApplyFormVersion, cancellationToken);
        var companyName = await db.Companies.IgnoreQueryFilters().Where(c => c.Id == application.CompanyId).Select(c => c.Name).SingleAsync(cancellationToken);
        var files = await db.ApplicationFiles.IgnoreQueryFilters().Where(f => f.ApplicationId == application.Id).OrderBy(f => f.Id)
            .Select(f => new AttachmentInfo(f.Id, f.FileName, f.ContentType, f.Size)).ToListAsync(cancellationToken);
        return composer.Compose(new ApplicationDetailParts(application, service, companyName, journal, all, lines, events, names, files), form);
    }

    /// <summary>The journal entries the page reads (the first ones, oldest first).</summary>
    public const int JournalLimit = 1000;
}
