using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.WebScan;

/// <summary>
/// WEB-L: an application assigned to a partner engineer (a person with the <see cref="PersonRole.Partner"/> role). A
/// partner sees exactly the applications assigned to it and nothing else of any company.
/// </summary>
public sealed class PartnerAssignment
{
    public Guid ApplicationId { get; init; }

    public Guid PartnerId { get; init; }

    public DateTimeOffset AssignedAt { get; init; }

    /// <summary>The staff member who assigned it (person id as text, as the workflow actor).</summary>
    public string? AssignedBy { get; init; }
}

internal sealed class PartnerAssignmentConfiguration : IEntityTypeConfiguration<PartnerAssignment>
{
    public void Configure(EntityTypeBuilder<PartnerAssignment> builder)
    {
        builder.ToTable("partner_assignments");
        builder.HasKey(a => new { a.ApplicationId, a.PartnerId });
        builder.Property(a => a.AssignedBy).HasMaxLength(100);
        builder.HasIndex(a => a.PartnerId);
        builder.HasOne<ServiceApplication>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
