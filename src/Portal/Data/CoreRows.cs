using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using Npgsql;
using CompanyEntity = CloudpackPlus.Core.Companies.Company;

namespace CloudpackPlus.Portal.Data;

/// <summary>
/// Core rows read by raw SQL in a <see cref="OneBatch"/>: each entity's column list and its reader, kept together so the
/// SELECT and the reader cannot drift apart (CompanyOverview, StaffCompanyQuery).
/// </summary>
public static class CoreRows
{
    public const string CompanyColumns = """
        id, code, name, created_at, status, enrolled_at, suspended_at, is_public_body, is_alliance_partner,
        is_served_through_third_party, industry, owning_csm_id, backup_csm_id, representative_email, xmin
        """;

    public const string AccountColumns = """
        id, company_id, account_id, display_name, root_held_by_provider, under_maintenance_contract, backlog_project_key,
        linked_at, linked_by, unlinked_at, unlinked_by, xmin
        """;

    /// <summary>A company's linked AWS accounts (<see cref="AccountColumns"/>), by account id; <c>$1</c> the company.</summary>
    public const string LinkedAccountsSql = $"SELECT {AccountColumns} FROM core.aws_accounts WHERE company_id = $1 AND unlinked_at IS NULL ORDER BY account_id";

    public const string CatalogueColumns = """
        id, name_ja, name_en, category, description_ja, description_en, workflow_definition_id, apply_form, apply_form_version,
        ticket_cost, one_aws_account_per_application, allowed_ranks, allowed_contract_types, yearly_capacity,
        customer_cancellable, is_active, sort_order, updated_by, updated_at, xmin
        """;

    /// <summary>The catalogue's services on offer, in the catalogue's order (<see cref="CatalogueService.ListAsync"/>).</summary>
    public const string ActiveCatalogueSql = $"SELECT {CatalogueColumns} FROM core.catalogue_entries WHERE is_active ORDER BY sort_order, id";

    public const string ContractColumns = "id, company_id, type, starts_on, ends_on, maintenance_scope, recorded_at, recorded_by";

    /// <summary>
    /// An application as <see cref="ApplicationBook"/>'s summaries give it (service names, applicant and company name looked
    /// up; the service id or "" when gone), without a WHERE: the caller adds one on <c>a</c>.
    /// </summary>
    public const string ApplicationSummarySelect = """
        SELECT a.id, a.number, a.service_id, COALESCE(s.name_ja, a.service_id), COALESCE(s.name_en, a.service_id), a.status,
               a.applied_at, COALESCE(p.display_name, ''), a.scheduled_at, a.company_id, COALESCE(c.name, ''), a.workflow_instance_id
        FROM core.applications a LEFT JOIN core.catalogue_entries s ON s.id = a.service_id
        LEFT JOIN core.people p ON p.id = a.applied_by LEFT JOIN core.companies c ON c.id = a.company_id
        """;

    /// <summary>A row of <see cref="CompanyColumns"/>.</summary>
    public static CompanyEntity Company(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0), Code = r.GetString(1), Name = r.GetString(2), CreatedAt = r.At(3),
        Status = r.Enum<CompanyStatus>(4), EnrolledAt = r.Stamp(5), SuspendedAt = r.Stamp(6),
        IsPublicBody = r.GetBoolean(7), IsAlliancePartner = r.GetBoolean(8), IsServedThroughThirdParty = r.GetBoolean(9),
        Industry = r.Text(10), OwningCsmId = r.Id(11), BackupCsmId = r.Id(12), RepresentativeEmail = r.Text(13),
        RowVersion = r.GetFieldValue<uint>(14),
    };

    /// <summary>A row of <see cref="AccountColumns"/>.</summary>
    public static AwsAccount Account(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0), CompanyId = r.GetGuid(1), AccountId = r.GetString(2), DisplayName = r.Text(3), RootHeldByProvider = r.GetBoolean(4),
        UnderMaintenanceContract = r.GetBoolean(5), BacklogProjectKey = r.Text(6), LinkedAt = r.At(7),
        LinkedBy = r.Id(8), UnlinkedAt = r.Stamp(9), UnlinkedBy = r.Id(10), RowVersion = r.GetFieldValue<uint>(11),
    };

    /// <summary>A row of <see cref="CatalogueColumns"/>.</summary>
    public static CatalogueEntry CatalogueEntry(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0), NameJa = r.GetString(1), NameEn = r.GetString(2), Category = r.Enum<ServiceCategory>(3),
        DescriptionJa = r.GetString(4), DescriptionEn = r.GetString(5), WorkflowDefinitionId = r.Text(6), ApplyForm = r.Text(7),
        FormVersion = r.Number(8), TicketCost = r.GetInt32(9), OneAwsAccountPerApplication = r.GetBoolean(10),
        AllowedRanks = [.. r.GetFieldValue<string[]>(11).Select(System.Enum.Parse<Rank>)],
        AllowedContractTypes = [.. r.GetFieldValue<string[]>(12).Select(System.Enum.Parse<ContractType>)],
        YearlyCapacity = r.Number(13), CustomerCancellable = r.GetBoolean(14), IsActive = r.GetBoolean(15), SortOrder = r.GetInt32(16),
        UpdatedBy = r.Id(17), UpdatedAt = r.Stamp(18), RowVersion = r.GetFieldValue<uint>(19),
    };

    /// <summary>A row of <see cref="ContractColumns"/>.</summary>
    public static Contract Contract(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0), CompanyId = r.GetGuid(1), Type = r.Enum<ContractType>(2), StartsOn = r.GetFieldValue<DateOnly>(3),
        EndsOn = r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4), MaintenanceScope = r.Text(5), RecordedAt = r.At(6), RecordedBy = r.Id(7),
    };

    /// <summary>A row of <see cref="ApplicationSummarySelect"/>.</summary>
    public static ApplicationSummary ApplicationSummary(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Enum<ApplicationStatus>(5), r.At(6), r.GetString(7),
        r.Stamp(8), r.GetGuid(9), r.GetString(10), r.GetGuid(11));
}
