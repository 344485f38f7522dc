using CloudpackPlus.Core.Companies;
using Npgsql;
using CompanyEntity = CloudpackPlus.Core.Companies.Company;

namespace CloudpackPlus.Portal.Data;

/// <summary>
/// Core rows read by raw SQL in a <see cref="OneBatch"/>: each entity's column list and its reader, kept together so the
/// SELECT and the reader cannot drift apart. (StaffCompanyQuery has its own copies of the company and account readers.)
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
}
