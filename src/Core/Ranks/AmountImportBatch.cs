using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Ranks;

/// <summary>
/// A previewed CSV import of transaction amounts, held until an admin confirms it. Only a preview
/// without errors is stored; confirming sets <see cref="ConfirmedAt"/> in the same transaction as the
/// amounts, so a second confirm of the same preview is refused.
/// </summary>
public sealed class AmountImportBatch
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The rows to import as JSON: <c>[{"c": companyId, "y": year, "a": amount}]</c>.</summary>
    public required string Rows { get; init; }

    public int RowCount { get; init; }

    public Guid CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid? ConfirmedBy { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }
}

internal sealed class AmountImportBatchConfiguration : IEntityTypeConfiguration<AmountImportBatch>
{
    public void Configure(EntityTypeBuilder<AmountImportBatch> builder)
    {
        builder.ToTable("amount_import_batches");
        builder.Property(b => b.Rows).HasColumnType("jsonb");
    }
}
