using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.WebScan;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Reports;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Npgsql;

namespace CloudpackPlus.Portal.Applications;

/// <summary>
/// Issue #17: the rows of the customer's application page read by raw SQL in one <see cref="OneBatch"/>: each table's
/// column list with its reader (kept together, as in <see cref="CoreRows"/>). Every statement is keyed by the application
/// id ($1) and the signed-in user's company ($2); the workflow's rows are reached through the application's own row
/// (<see cref="InstanceOf"/>), so another company's application yields nothing at all.
/// </summary>
public static class ApplicationRows
{
    /// <summary>The application's workflow instance, only when the application is the company's.</summary>
    public const string InstanceOf = "(SELECT a.workflow_instance_id FROM core.applications a WHERE a.id = $1 AND a.company_id = $2)";

    public const string ApplicationSql = """
        SELECT id, company_id, service_id, number, status, applied_by, applied_at, reservation_id, workflow_instance_id, details,
               apply_form_version, ticket_cost, customer_cancellable, terms_id, terms_version, scheduled_at, csm_id, updated_at,
               closed_at, closed_by, close_reason
        FROM core.applications WHERE id = $1 AND company_id = $2
        """;

    /// <summary>The service, the apply form version the application was made under (null when none is stored) and the company's name.</summary>
    public const string ServiceSql = """
        SELECT c.id, c.name_ja, c.name_en, c.category, c.description_ja, c.description_en, c.workflow_definition_id, c.apply_form,
               c.apply_form_version, c.ticket_cost, c.one_aws_account_per_application, c.allowed_ranks, c.allowed_contract_types,
               c.yearly_capacity, c.customer_cancellable, c.is_active, c.sort_order, c.updated_by, c.updated_at, c.xmin, v.schema, co.name
        FROM core.applications a JOIN core.catalogue_entries c ON c.id = a.service_id JOIN core.companies co ON co.id = a.company_id
        LEFT JOIN core.apply_form_versions v ON v.service_id = a.service_id AND v.version = a.apply_form_version
        WHERE a.id = $1 AND a.company_id = $2
        """;

    public static readonly string JournalSql = $"""
        SELECT id, instance_id, sequence, at, kind, node_id, activity_type, actor, data::text
        FROM wf.journal WHERE instance_id = {InstanceOf} AND sequence > 0 ORDER BY sequence LIMIT {ApplicationDetailsLoader.JournalLimit}
        """;

    public const string TasksSql = $"""
        SELECT id, instance_id, bookmark_id, node_id, title, title_en, prefill::text, form_schema::text, role, assignee, company_id, due_at,
               status, claimed_by, claimed_at, completed_by, completed_at, result::text, created_at, xmin
        FROM wf.tasks WHERE instance_id = {InstanceOf} ORDER BY created_at, id
        """;

    public const string EventsSql = """
        SELECT id, application_id, company_id, at, code, parameters::text, actor
        FROM core.application_events WHERE application_id = $1 AND company_id = $2 ORDER BY at, id
        """;

    /// <summary>The names of the people the page names: who applied, the CSM, and the actors of the events and the journal.</summary>
    public const string NamesSql = $"""
        SELECT p.id, p.display_name FROM core.people p WHERE p.id IN (
            SELECT a.applied_by FROM core.applications a WHERE a.id = $1 AND a.company_id = $2
            UNION SELECT a.csm_id FROM core.applications a WHERE a.id = $1 AND a.company_id = $2
            UNION SELECT e.actor::uuid FROM core.application_events e WHERE e.application_id = $1 AND e.company_id = $2 AND e.actor ~* '{GuidPattern}'
            UNION SELECT j.actor::uuid FROM wf.journal j WHERE j.instance_id = {InstanceOf} AND j.actor ~* '{GuidPattern}')
        """;

    /// <summary>Messages with their attachments (one row per attachment, or one with nulls), oldest first.</summary>
    public const string ConversationSql = """
        SELECT m.id, m.author_id, p.display_name, m.from_staff, m.body, m.created_at, f.id, f.file_name, f.content_type, f.size
        FROM core.application_messages m LEFT JOIN core.people p ON p.id = m.author_id
        LEFT JOIN core.message_attachments f ON f.message_id = m.id
        WHERE m.application_id = $1 AND m.company_id = $2 ORDER BY m.created_at, m.id, f.file_name
        """;

    public const string FilesSql = """
        SELECT id, file_name, content_type, size FROM core.application_files WHERE application_id = $1 AND company_id = $2 ORDER BY id
        """;

    /// <summary>The open signal waits of the workflow while it runs or is suspended (the portal action buttons).</summary>
    public const string SignalBookmarksSql = $"""
        SELECT b.id, b.node_id, b.signal_name, i.definition_version_id, i.definition_id
        FROM wf.bookmarks b JOIN wf.instances i ON i.id = b.instance_id
        WHERE b.instance_id = {InstanceOf} AND i.status IN ('Running', 'Suspended') AND b.kind = 'Signal'
          AND b.resumed_at IS NULL AND b.cancelled_at IS NULL
        ORDER BY b.created_at
        """;

    public const string ReportsSql = """
        SELECT id, service_id, culture, template_version, generated_at, length(pdf)::bigint
        FROM core.reports WHERE application_id = $1 AND company_id = $2 ORDER BY generated_at DESC, culture DESC
        """;

    public const string ChecklistSql = """
        SELECT id, application_id, company_id, checklist, key, position, label_ja, label_en, ticked_by, ticked_by_name, ticked_at,
               closed_at, override_reason, overridden_by_name
        FROM core.checklist_items WHERE application_id = $1 AND company_id = $2 ORDER BY checklist, position
        """;

    /// <summary>The training menu's active topics in menu order (<see cref="Core.Applications.TrainingMenuService.ListAsync"/>).</summary>
    public const string TrainingTopicsSql = """
        SELECT id, title_ja, title_en, duration_minutes, format FROM core.training_topics WHERE is_active ORDER BY sort_order, title_ja
        """;

    private const string GuidPattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    public static ServiceApplication Application(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0), CompanyId = r.GetGuid(1), ServiceId = r.GetString(2), Number = r.GetString(3), Status = r.Enum<ApplicationStatus>(4),
        AppliedBy = r.GetGuid(5), AppliedAt = r.At(6), ReservationId = r.GetGuid(7), WorkflowInstanceId = r.GetGuid(8), Details = r.GetString(9),
        ApplyFormVersion = r.Number(10), TicketCost = r.GetInt32(11), CustomerCancellable = r.GetBoolean(12), TermsId = r.Text(13),
        TermsVersion = r.Number(14), ScheduledAt = r.Stamp(15), CsmId = r.Id(16), UpdatedAt = r.At(17), ClosedAt = r.Stamp(18),
        ClosedBy = r.Id(19), CloseReason = r.Text(20),
    };

    /// <summary>A row of <see cref="ServiceSql"/>: the entry (<see cref="CoreRows.CatalogueColumns"/>'s order) and the stored schema of the application's form version.</summary>
    public static (CatalogueEntry Service, string? VersionSchema, string CompanyName) Service(NpgsqlDataReader r) => (CoreRows.CatalogueEntry(r), r.Text(20), r.GetString(21));

    public static JournalEntry Journal(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0), InstanceId = r.GetGuid(1), Sequence = r.GetInt64(2), At = r.At(3), Kind = r.GetString(4), NodeId = r.Text(5),
        ActivityType = r.Text(6), Actor = r.Text(7), Data = r.Text(8),
    };

    public static WorkflowTask Task(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0), InstanceId = r.GetGuid(1), BookmarkId = r.GetGuid(2), NodeId = r.GetString(3), Title = r.GetString(4), TitleEn = r.Text(5),
        Prefill = r.Text(6), FormSchema = r.GetString(7), Role = r.Text(8), Assignee = r.Text(9), CompanyId = r.Id(10), DueAt = r.Stamp(11),
        Status = r.Enum<WorkflowTaskStatus>(12), ClaimedBy = r.Text(13), ClaimedAt = r.Stamp(14), CompletedBy = r.Text(15), CompletedAt = r.Stamp(16),
        Result = r.Text(17), CreatedAt = r.At(18), RowVersion = r.GetFieldValue<uint>(19),
    };

    public static ApplicationEvent Event(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0), ApplicationId = r.GetGuid(1), CompanyId = r.GetGuid(2), At = r.At(3), Code = r.GetString(4), Parameters = r.Text(5), Actor = r.Text(6),
    };

    /// <summary>A row of <see cref="ConversationSql"/>: the message and its attachment (null when it has none).</summary>
    public static (ConversationLine Message, AttachmentInfo? File) Message(NpgsqlDataReader r) => (
        new ConversationLine(r.GetGuid(0), r.GetGuid(1), r.Text(2) ?? "?", r.GetBoolean(3), r.GetString(4), r.At(5), []),
        r.Id(6) is { } file ? new AttachmentInfo(file, r.GetString(7), r.GetString(8), r.GetInt64(9)) : null);

    /// <summary>The rows of <see cref="ConversationSql"/> as the conversation's lines, each with its attachments.</summary>
    public static IReadOnlyList<ConversationLine> Conversation(IEnumerable<(ConversationLine Message, AttachmentInfo? File)> rows) =>
        rows.GroupBy(row => row.Message.Id)
            .Select(g => g.First().Message with { Attachments = g.Where(row => row.File is not null).Select(row => row.File!).ToList() })
            .ToList();

    public static AttachmentInfo File(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetInt64(3));

    public static OpenSignalBookmark SignalBookmark(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetString(1), r.Text(2), r.GetGuid(3), r.GetString(4));

    public static ReportListItem Report(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.At(4), r.GetInt64(5));

    public static ChecklistItem ChecklistItem(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0), ApplicationId = r.GetGuid(1), CompanyId = r.GetGuid(2), Checklist = r.GetString(3), Key = r.GetString(4),
        Position = r.GetInt32(5), LabelJa = r.GetString(6), LabelEn = r.GetString(7), TickedBy = r.Id(8), TickedByName = r.Text(9),
        TickedAt = r.Stamp(10), ClosedAt = r.Stamp(11), OverrideReason = r.Text(12), OverriddenByName = r.Text(13),
    };

    /// <summary>A row of <see cref="TrainingTopicsSql"/>: what a topic's form option shows.</summary>
    public static Core.Applications.TrainingTopic TrainingTopic(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0), TitleJa = r.GetString(1), TitleEn = r.GetString(2), DurationMinutes = r.GetInt32(3),
        Format = r.Enum<Core.Applications.TrainingFormat>(4),
    };
}
