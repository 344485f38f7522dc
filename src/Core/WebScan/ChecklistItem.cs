using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.WebScan;

/// <summary>
/// WEB-6: one item of a checklist the customer works through before a step (e.g. the scan's pre-work: exclude the
/// target from monitoring, take backups, tell the hosting provider). Written by the workflow's <c>Checklist</c>
/// activity; each tick records who and when, in the workflow step that resumes on it.
/// </summary>
public sealed class ChecklistItem : ICompanyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ApplicationId { get; init; }

    public Guid CompanyId { get; init; }

    /// <summary>The workflow node the checklist belongs to (an application may have several checklists).</summary>
    public required string Checklist { get; init; }

    /// <summary>Stable key of the item within its checklist.</summary>
    public required string Key { get; init; }

    public int Position { get; init; }

    public required string LabelJa { get; init; }

    public required string LabelEn { get; init; }

    /// <summary>Who ticked it (person id), or null while open.</summary>
    public Guid? TickedBy { get; set; }

    /// <summary>The ticker's name when ticked (kept: staff and customers cannot look each other's people up).</summary>
    public string? TickedByName { get; set; }

    public DateTimeOffset? TickedAt { get; set; }

    /// <summary>When the checklist stopped waiting (every item ticked, or staff overrode); null while it waits.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Staff's reason for going on without this item ticked (set on every item of an overridden checklist).</summary>
    public string? OverrideReason { get; set; }

    /// <summary>The staff member who overrode, by name.</summary>
    public string? OverriddenByName { get; set; }

    public string LabelIn(bool japanese) => japanese ? LabelJa : LabelEn;
}

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> builder)
    {
        builder.ToTable("checklist_items");
        builder.Property(i => i.Checklist).HasMaxLength(100);
        builder.Property(i => i.Key).HasMaxLength(100);
        builder.Property(i => i.LabelJa).HasMaxLength(500);
        builder.Property(i => i.LabelEn).HasMaxLength(500);
        builder.Property(i => i.TickedByName).HasMaxLength(200);
        builder.Property(i => i.OverriddenByName).HasMaxLength(200);
        builder.Property(i => i.OverrideReason).HasMaxLength(1000);
        builder.HasIndex(i => new { i.ApplicationId, i.Checklist, i.Key }).IsUnique();
        builder.HasOne<ServiceApplication>().WithMany().HasForeignKey(i => i.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
