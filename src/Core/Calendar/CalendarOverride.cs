using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Calendar;

/// <summary>
/// A staff decision about one date that wins over the computed calendar: a holiday the law
/// added (or a one-off company holiday), or a business day where the computed calendar has a
/// holiday (the law moved it).
/// </summary>
public sealed class CalendarOverride
{
    public DateOnly Date { get; init; }

    /// <summary>True: not a business day. False: a business day even if computed as a holiday.</summary>
    public bool IsHoliday { get; set; }

    public required string NameJa { get; set; }

    public string? NameEn { get; set; }

    public Guid? UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>xmin: an admin edit names the version it saw.</summary>
    public uint RowVersion { get; set; }
}

internal sealed class CalendarOverrideConfiguration : IEntityTypeConfiguration<CalendarOverride>
{
    public void Configure(EntityTypeBuilder<CalendarOverride> builder)
    {
        builder.ToTable("calendar_overrides");
        builder.HasKey(o => o.Date);
        builder.Property(o => o.RowVersion).IsRowVersion();
        builder.Property(o => o.NameJa).HasMaxLength(100);
        builder.Property(o => o.NameEn).HasMaxLength(100);
    }
}
