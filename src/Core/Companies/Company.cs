using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Companies;

/// <summary>Where a company stands in the programme (ELIG-1, ELIG-4).</summary>
public enum CompanyStatus
{
    /// <summary>Known (contracts recorded) but not enrolled.</summary>
    NotEnrolled,

    /// <summary>Enrolled and holding a qualifying contract: may apply for services.</summary>
    Active,

    /// <summary>The last qualifying contract ended: history is readable, nothing can be applied for (ELIG-4).</summary>
    Suspended,
}

/// <summary>A customer company: one tenant of the portal.</summary>
public sealed class Company : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Short stable code staff use to refer to the company (unique).</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public CompanyStatus Status { get; set; } = CompanyStatus.NotEnrolled;

    public DateTimeOffset? EnrolledAt { get; set; }

    public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>ELIG-2: public bodies are outside the programme.</summary>
    public bool IsPublicBody { get; set; }

    /// <summary>ELIG-2: partner companies under a business alliance are outside the programme.</summary>
    public bool IsAlliancePartner { get; set; }

    /// <summary>ELIG-2: served through a third party (e.g. a reseller) without a direct contract.</summary>
    public bool IsServedThroughThirdParty { get; set; }

    /// <summary>Industry, kept for the partner's scan statistics (WEB-7).</summary>
    public string? Industry { get; set; }

    /// <summary>The CSM who looks after the company: its new applications and tasks route to them.</summary>
    public Guid? OwningCsmId { get; set; }

    /// <summary>Takes over while the owning CSM is away.</summary>
    public Guid? BackupCsmId { get; set; }

    /// <summary>The representative's e-mail given on the application form; the representative is issued to it (ONB-1).</summary>
    public string? RepresentativeEmail { get; set; }

    /// <summary>xmin: two staff editing the same company at once do not overwrite each other.</summary>
    public uint RowVersion { get; set; }

    public bool CanApply => Status == CompanyStatus.Active;

    Guid ICompanyOwned.CompanyId => Id;
}

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("companies");
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Industry).HasMaxLength(100);
        builder.Property(c => c.RepresentativeEmail).HasMaxLength(254);
        builder.Property(c => c.RowVersion).IsRowVersion();
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.OwningCsmId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.BackupCsmId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Name);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(c => c.CanApply);
        builder.HasIndex(c => c.Code).IsUnique();
    }
}
