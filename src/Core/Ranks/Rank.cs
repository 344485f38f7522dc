using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Ranks;

/// <summary>RANK-1: the five ranks, lowest first (the numeric order is used for "Silver and above").</summary>
public enum Rank
{
    Regular = 0,
    Bronze = 1,
    Silver = 2,
    Gold = 3,
    Platinum = 4,
}

/// <summary>RANK-1 as data: what a rank gives per fiscal year. Seeded from the spec, editable by admins.</summary>
public sealed class RankDefinition
{
    public Rank Rank { get; init; }

    public required string NameJa { get; set; }

    public required string NameEn { get; set; }

    /// <summary>Basic-service (cloud optimisation) proposals per fiscal year (BAS-1).</summary>
    public int BasicProposalsPerYear { get; set; }

    /// <summary>Tickets granted on 1 April (TKT-1).</summary>
    public int TicketsPerYear { get; set; }

    internal static RankDefinition[] Defaults =>
    [
        new() { Rank = Rank.Platinum, NameJa = "プラチナ", NameEn = "Platinum", BasicProposalsPerYear = 4, TicketsPerYear = 20 },
        new() { Rank = Rank.Gold, NameJa = "ゴールド", NameEn = "Gold", BasicProposalsPerYear = 3, TicketsPerYear = 15 },
        new() { Rank = Rank.Silver, NameJa = "シルバー", NameEn = "Silver", BasicProposalsPerYear = 2, TicketsPerYear = 5 },
        new() { Rank = Rank.Bronze, NameJa = "ブロンズ", NameEn = "Bronze", BasicProposalsPerYear = 0, TicketsPerYear = 2 },
        new() { Rank = Rank.Regular, NameJa = "レギュラー", NameEn = "Regular", BasicProposalsPerYear = 0, TicketsPerYear = 0 },
    ];
}

internal sealed class RankDefinitionConfiguration : IEntityTypeConfiguration<RankDefinition>
{
    public void Configure(EntityTypeBuilder<RankDefinition> builder)
    {
        builder.ToTable("rank_definitions", t =>
        {
            t.HasCheckConstraint("ck_rank_definitions_counts", "basic_proposals_per_year >= 0 AND tickets_per_year >= 0");
        });
        builder.HasKey(r => r.Rank);
        builder.Property(r => r.Rank).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.NameJa).HasMaxLength(50);
        builder.Property(r => r.NameEn).HasMaxLength(50);
        builder.HasData(RankDefinition.Defaults);
    }
}
