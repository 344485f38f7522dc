using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Catalogue;

/// <summary>
/// One published version of a service's apply form (<c>core.apply_form_versions</c>). Every change of a service's form,
/// from the form editor or <c>PUT /api/services/{id}</c>, goes through <see cref="CatalogueService"/> and becomes a new
/// version; an application records the version it was made under (<c>applications.apply_form_version</c>) and is
/// always shown with that version's labels, whatever the form says later.
/// </summary>
public sealed class ApplyFormVersion
{
    /// <summary>The catalogue entry.</summary>
    public required string ServiceId { get; init; }

    /// <summary>1, 2, …; unique per service.</summary>
    public int Version { get; init; }

    /// <summary>The form schema (jsonb, the form language: <c>{"fields": [...]}</c>).</summary>
    public required string Schema { get; init; }

    public DateTimeOffset PublishedAt { get; init; }

    /// <summary>The staff member who published it.</summary>
    public Guid PublishedBy { get; init; }
}

internal sealed class ApplyFormVersionConfiguration : IEntityTypeConfiguration<ApplyFormVersion>
{
    public void Configure(EntityTypeBuilder<ApplyFormVersion> builder)
    {
        builder.ToTable("apply_form_versions", t => t.HasCheckConstraint("ck_apply_form_versions_version", "version > 0"));
        builder.HasKey(v => new { v.ServiceId, v.Version });
        builder.Property(v => v.ServiceId).HasMaxLength(32);
        builder.Property(v => v.Schema).HasColumnType("jsonb");
        builder.HasOne<CatalogueEntry>().WithMany().HasForeignKey(v => v.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
