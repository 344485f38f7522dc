using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Ranks;

/// <summary>
/// RANK-2: the minimum previous-calendar-year transaction amount (yen, tax excluded) for each
/// rank, versioned per fiscal year. A fiscal year without its own row uses the latest earlier row,
/// and with none at all the built-in <see cref="Default"/>.
/// </summary>
public sealed class RankThresholds
{
    /// <summary>The first fiscal year (start year) these thresholds apply to.</summary>
    public int FiscalYear { get; init; }

    public long PlatinumMinYen { get; set; }

    public long GoldMinYen { get; set; }

    public long SilverMinYen { get; set; }

    public long BronzeMinYen { get; set; }

    public Guid? UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>xmin: an admin edit names the version it saw.</summary>
    public uint RowVersion { get; set; }

    /// <summary>
    /// The source gives no amounts; these defaults (monthly AWS spend through the provider of
    /// roughly ¥2.5M / ¥800k / ¥250k / ¥50k) are documented in docs/core-domain.md.
    /// </summary>
    public static RankThresholds Default { get; } = new()
    {
        FiscalYear = 0,
        PlatinumMinYen = 30_000_000,
        GoldMinYen = 10_000_000,
        SilverMinYen = 3_000_000,
        BronzeMinYen = 600_000,
    };

    public Rank RankFor(long amountYen) => amountYen switch
    {
        _ when amountYen >= PlatinumMinYen => Rank.Platinum,
        _ when amountYen >= GoldMinYen => Rank.Gold,
        _ when amountYen >= SilverMinYen => Rank.Silver,
        _ when amountYen >= BronzeMinYen => Rank.Bronze,
        _ => Rank.Regular,
    };

    public bool IsOrdered => PlatinumMinYen > GoldMinYen && GoldMinYen > SilverMinYen && SilverMinYen > BronzeMinYen && BronzeMinYen > 0;
}

internal sealed class RankThresholdsConfiguration : IEntityTypeConfiguration<RankThresholds>
{
    public void Configure(EntityTypeBuilder<RankThresholds> builder)
    {
        builder.ToTable("rank_thresholds", t => t.HasCheckConstraint(
            "ck_rank_thresholds_order",
            "platinum_min_yen > gold_min_yen AND gold_min_yen > silver_min_yen AND silver_min_yen > bronze_min_yen AND bronze_min_yen > 0"));
        builder.HasKey(t => t.FiscalYear);
        builder.Property(t => t.FiscalYear).ValueGeneratedNever();
        builder.Property(t => t.RowVersion).IsRowVersion();
    }
}
