using System.Security.Claims;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.Consulting;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.WebScan;
using CloudpackPlus.Portal.Csat;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Reports;
using CloudpackPlus.Portal.Tenancy;
using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Portal.Applications;

/// <summary>What the customer's application page shows besides <see cref="ApplicationDetails"/>: its panels' rows, read in the same batch.</summary>
public sealed record CustomerApplicationPanels(
    IReadOnlyList<OpenSignalAction> SignalActions, IReadOnlyList<ReportListItem> Reports, bool RecommendsBuild,
    IReadOnlyList<ChecklistItem> Checklist, IReadOnlyList<SurveyView> Surveys);

/// <summary>The customer's application page: the details and the panels.</summary>
public sealed record CustomerApplicationView(ApplicationDetails Details, CustomerApplicationPanels Panels);

/// <summary>
/// Issue #17: <c>/Applications/{id}</c> in one SQL round trip (<see cref="PageBatch"/>, with the header's unread count): the
/// application, its service, form version and company name, the workflow's journal, tasks and open signal waits, the
/// conversation, events, names, files, reports, checklist and survey (<see cref="ApplicationRows"/>), and the options of
/// every form option source (<see cref="PrefetchedSources"/>), so that reading the answers back asks no source. A read of
/// the workflow definition only when its plan is not cached. No DbContext: the page is built by
/// <see cref="ApplicationDetailsComposer"/> as <see cref="ApplicationDetailsLoader.LoadAsync"/> builds it for the company;
/// another company's application (or none) gives null.
/// </summary>
public sealed class CustomerApplicationPage(
    PageBatch pages, ApplicationDetailsComposer composer, SignalActionDesk signals, IWorkflowCalendar calendar, TimeProvider clock)
{
    /// <summary>The option sources whose options the batch reads; every registered <see cref="IFormOptionSource"/> must be one.</summary>
    public static readonly IReadOnlyList<string> PrefetchedSources = [FormOptions.TrainingTopicsSource, IFormOptionSource.AccountSource];

    public async Task<CustomerApplicationView?> LoadAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (HttpCurrentTenant.CompanyOf(user) is not { } companyId)
        {
            return null;
        }

        var batch = pages.Start(user);
        var application = batch.Add(ApplicationRows.ApplicationSql, ApplicationRows.Application, id, companyId);
        var service = batch.Add(ApplicationRows.ServiceSql, ApplicationRows.Service, id, companyId);
        var journal = batch.Add(ApplicationRows.JournalSql, ApplicationRows.Journal, id, companyId);
        var tasks = batch.Add(ApplicationRows.TasksSql, ApplicationRows.Task, id, companyId);
        var events = batch.Add(ApplicationRows.EventsSql, ApplicationRows.Event, id, companyId);
        var names = batch.Add(ApplicationRows.NamesSql, r => (Id: r.GetGuid(0), Name: r.GetString(1)), id, companyId);
        var messages = batch.Add(ApplicationRows.ConversationSql, ApplicationRows.Message, id, companyId);
        var files = batch.Add(ApplicationRows.FilesSql, ApplicationRows.File, id, companyId);
        var bookmarks = batch.Add(ApplicationRows.SignalBookmarksSql, ApplicationRows.SignalBookmark, id, companyId);
        var reports = batch.Add(ApplicationRows.ReportsSql, ApplicationRows.Report, id, companyId);
        var checklist = batch.Add(ApplicationRows.ChecklistSql, ApplicationRows.ChecklistItem, id, companyId);
        var surveys = SurveyDesk.AddForApplicationTo(batch, companyId, id);
        var topics = batch.Add(ApplicationRows.TrainingTopicsSql, ApplicationRows.TrainingTopic);
        var accounts = batch.Add(CoreRows.LinkedAccountsSql, CoreRows.Account, companyId);
        await pages.RunAsync(batch, cancellationToken);

        if (application.FirstOrDefault is not { } row || service.Rows.Count == 0)
        {
            return null;
        }

        var (entry, versionSchema, companyName) = service.Rows[0];
        var form = CatalogueService.FormOfVersion(entry, row.ApplyFormVersion, versionSchema) is { } json && !string.IsNullOrWhiteSpace(json)
            ? ApplyForms.Reading(entry, FormSchema.ParseStored(json), row.ApplyFormVersion, ApplicationDetailsComposer.Answered(row.Details),
                new Dictionary<string, IReadOnlyList<FormOption>>(StringComparer.Ordinal)
                {
                    [FormOptions.TrainingTopicsSource] = topics.Rows.Select(FormOptions.Of).ToList(),
                    [IFormOptionSource.AccountSource] = accounts.Rows.Select(FormOptions.Of).ToList(),
                },
                new FormValidationContext(clock.GetUtcNow(), calendar))
            : null;
        var parts = new ApplicationDetailParts(row, entry, companyName, journal.Rows, tasks.Rows,
            ApplicationRows.Conversation(messages.Rows), events.Rows, names.Rows.ToDictionary(n => n.Id, n => n.Name), files.Rows);
        var panels = new CustomerApplicationPanels(
            await signals.OfAsync(bookmarks.Rows, user, staffPage: false, cancellationToken), reports.Rows,
            ProposalEvents.RecommendsBuild(events.Rows), checklist.Rows, surveys.Rows);
        return new CustomerApplicationView(composer.Compose(parts, form), panels);
    }
}
