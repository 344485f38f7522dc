using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Catalogue;

/// <summary>ADV-1: one change of a catalogue entry — who, when, and the fields before and after.</summary>
public sealed class CatalogueChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string ServiceId { get; init; }

    public DateTimeOffset ChangedAt { get; init; }

    public Guid ChangedBy { get; init; }

    /// <summary>The changed fields before (jsonb object, field → value); empty for a new entry.</summary>
    public required string Before { get; init; }

    /// <summary>The changed fields after (jsonb object, field → value).</summary>
    public required string After { get; init; }

    /// <summary>The fields an admin edits, as text, for the history (names are the property names).</summary>
    public static Dictionary<string, string?> Snapshot(CatalogueEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [nameof(CatalogueEntry.NameJa)] = entry.NameJa,
            [nameof(CatalogueEntry.NameEn)] = entry.NameEn,
            [nameof(CatalogueEntry.Category)] = entry.Category.ToString(),
            [nameof(CatalogueEntry.DescriptionJa)] = entry.DescriptionJa,
            [nameof(CatalogueEntry.DescriptionEn)] = entry.DescriptionEn,
            [nameof(CatalogueEntry.TicketCost)] = entry.TicketCost.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [nameof(CatalogueEntry.AllowedRanks)] = string.Join(",", entry.AllowedRanks.Order()),
            [nameof(CatalogueEntry.AllowedContractTypes)] = string.Join(",", entry.AllowedContractTypes.Order()),
            [nameof(CatalogueEntry.YearlyCapacity)] = entry.YearlyCapacity?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [nameof(CatalogueEntry.CustomerCancellable)] = entry.CustomerCancellable ? "true" : "false",
            [nameof(CatalogueEntry.IsActive)] = entry.IsActive ? "true" : "false",
            [nameof(CatalogueEntry.OneAwsAccountPerApplication)] = entry.OneAwsAccountPerApplication ? "true" : "false",
            [nameof(CatalogueEntry.WorkflowDefinitionId)] = entry.WorkflowDefinitionId,
            [nameof(CatalogueEntry.FormVersion)] = entry.FormVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [nameof(CatalogueEntry.SortOrder)] = entry.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A change row holding only the fields that differ; null when nothing changed.</summary>
    public static CatalogueChange? Between(string serviceId, Dictionary<string, string?>? before, Dictionary<string, string?> after, Guid by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changed = after.Keys.Where(k => before is null || before.GetValueOrDefault(k) != after[k]).ToList();
        if (changed.Count == 0)
        {
            return null;
        }

        return new CatalogueChange
        {
            ServiceId = serviceId, ChangedAt = at, ChangedBy = by,
            Before = JsonSerializer.Serialize(before is null ? [] : changed.ToDictionary(k => k, k => before.GetValueOrDefault(k))),
            After = JsonSerializer.Serialize(changed.ToDictionary(k => k, k => after[k])),
        };
    }

    /// <summary>The before/after pairs for display.</summary>
    public IReadOnlyList<(string Field, string? Before, string? After)> Fields()
    {
        var before = JsonSerializer.Deserialize<Dictionary<string, string?>>(Before) ?? [];
        var after = JsonSerializer.Deserialize<Dictionary<string, string?>>(After) ?? [];
        return after.Keys.Select(k => (k, before.GetValueOrDefault(k), after[k])).ToList();
    }
}

internal sealed class CatalogueChangeConfiguration : IEntityTypeConfiguration<CatalogueChange>
{
    public void Configure(EntityTypeBuilder<CatalogueChange> builder)
    {
        builder.ToTable("catalogue_changes");
        builder.Property(c => c.ServiceId).HasMaxLength(32);
        builder.Property(c => c.Before).HasColumnType("jsonb");
        builder.Property(c => c.After).HasColumnType("jsonb");
        builder.HasIndex(c => new { c.ServiceId, c.ChangedAt });
        builder.HasOne<CatalogueEntry>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
