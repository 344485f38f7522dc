using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Companies;

/// <summary>The part a person plays in the programme.</summary>
public enum PersonRole
{
    /// <summary>The company's representative portal user.</summary>
    Representative,

    /// <summary>Another user of the company, created by the representative.</summary>
    Member,

    /// <summary>Provider staff: customer-success manager.</summary>
    Csm,

    /// <summary>Provider staff: leads the CSMs (assigns companies, sees every queue); no programme settings.</summary>
    CsmLead,

    /// <summary>Provider staff who configure the programme.</summary>
    Admin,

    /// <summary>
    /// WEB-L: an engineer of the scan partner (KDSec). Neither staff nor a customer: no company, and sees only the
    /// applications assigned to it (<see cref="WebScan.PartnerAssignment"/>).
    /// </summary>
    Partner,
}

/// <summary>A customer user or a staff member, as the programme knows them (sign-in lives in the portal).</summary>
public sealed class Person
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The company for customer users; null for staff and partner engineers.</summary>
    public Guid? CompanyId { get; init; }

    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    public PersonRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Staff only: away (leave, illness); the companies they own route to their backup meanwhile.</summary>
    public bool IsAway { get; set; }

    public static bool IsStaffRole(PersonRole role) => role is PersonRole.Csm or PersonRole.CsmLead or PersonRole.Admin;
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people", t => t.HasCheckConstraint(
            "ck_people_company_matches_role",
            "(role IN ('Csm','CsmLead','Admin','Partner')) = (company_id IS NULL)"));
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.DisplayName).HasMaxLength(200);
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
