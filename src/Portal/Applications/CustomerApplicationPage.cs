using System.Security.Claims;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.Consulting;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.WebScan;
using CloudpackPlus.Portal.Csat;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Reports;
using CloudpackPlus.Portal.Tenancy;
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
/// application, its service and form version, the workflow's journal, tasks and open signal waits, the conversation, events,
/// names, files, reports, checklist and survey (<see cref="ApplicationRows"/>). A second one only when the apply form has
/// answered fields whose options come from a source (<see cref="ApplyForms.ForReadingAsync"/>, one per source), and a read
/// of the workflow definition only when its plan is not cached. The page is the same as <see cref="ApplicationDetailsLoader.LoadAsync"/>
/// builds for the company; another company's application (or none) gives null.
/// </summary>
public sealed class CustomerApplicationPage(PageBatch pages, ApplicationDetailsLoader loader, ApplyForms forms, SignalActionDesk signals)
{
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
        var company = batch.Add(ApplicationRows.CompanyNameSql, r => r.GetString(0), id, companyId);
        var files = batch.Add(ApplicationRows.FilesSql, ApplicationRows.File, id, companyId);
        var bookmarks = batch.Add(ApplicationRows.SignalBookmarksSql, ApplicationRows.SignalBookmark, id, companyId);
        var reports = batch.Add(ApplicationRows.ReportsSql, ApplicationRows.Report, id, companyId);
        var checklist = batch.Add(ApplicationRows.ChecklistSql, ApplicationRows.ChecklistItem, id, companyId);
        var surveys = SurveyDesk.AddForApplicationTo(batch, companyId, id);
        // The option sources an answered form field may name (training topics, linked accounts), read here rather than by
        // the sources after the batch: no second round trip and no DbContext (issue #17).
        var topics = batch.Add(ApplicationRows.TrainingTopicsSql, ApplicationRows.TrainingTopic);
        var accounts = batch.Add(CoreRows.LinkedAccountsSql, CoreRows.Account, companyId);
        await pages.RunAsync(batch, cancellationToken);

        if (application.FirstOrDefault is not { } row || service.Rows.Count == 0)
        {
            return null;
        }

        var (entry, versionSchema) = service.Rows[0];
        var form = await forms.ForReadingAsync(entry, CatalogueService.FormOfVersion(entry, row.ApplyFormVersion, versionSchema),
            row.ApplyFormVersion, companyId, ApplicationDetailsLoader.Answered(row.Details),
            new Dictionary<string, IReadOnlyList<FormOption>>(StringComparer.Ordinal)
            {
                [FormOptions.TrainingTopicsSource] = topics.Rows.Select(FormOptions.Of).ToList(),
                [IFormOptionSource.AccountSource] = accounts.Rows.Select(FormOptions.Of).ToList(),
            }, cancellationToken);
        var parts = new ApplicationDetailParts(row, entry, company.FirstOrDefault ?? "", journal.Rows, tasks.Rows,
            ApplicationRows.Conversation(messages.Rows), events.Rows, names.Rows.ToDictionary(n => n.Id, n => n.Name), files.Rows);
        var panels = new CustomerApplicationPanels(
            await signals.OfAsync(bookmarks.Rows, user, staffPage: false, cancellationToken), reports.Rows,
            ProposalEvents.RecommendsBuild(events.Rows), checklist.Rows, surveys.Rows);
        return new CustomerApplicationView(loader.Compose(parts, form), panels);
    }
}
