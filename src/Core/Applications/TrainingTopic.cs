using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Applications;

/// <summary>How a training is given (TRAIN-1: seminar or hands-on, online).</summary>
public enum TrainingFormat
{
    Seminar,
    HandsOn,
}

/// <summary>
/// TRAIN-1: one topic of the training menu, staff-editable data reviewed yearly: staff mark the
/// menu reviewed for a fiscal year, and the console flags a menu not yet reviewed this year.
/// </summary>
public sealed class TrainingTopic
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string TitleJa { get; set; }

    public required string TitleEn { get; set; }

    public string DescriptionJa { get; set; } = "";

    public string DescriptionEn { get; set; } = "";

    public TrainingFormat Format { get; set; }

    /// <summary>Length of one session (about 2 h by default).</summary>
    public int DurationMinutes { get; set; } = 120;

    public bool IsActive { get; set; } = true;

    public int SortOrder { get; set; }

    /// <summary>The fiscal year (start year) for which staff last reviewed this topic.</summary>
    public int ReviewedForYear { get; set; }

    public Guid? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string TitleIn(bool japanese) => japanese ? TitleJa : TitleEn;

    public string DescriptionIn(bool japanese) => japanese ? DescriptionJa : DescriptionEn;

    /// <summary>Id of the seeded topic "Introduction to AWS".</summary>
    public static readonly Guid IntroductionId = Guid.Parse("0193a000-0000-7000-8000-000000000001");

    /// <summary>Id of the seeded topic "IAM and account security in practice".</summary>
    public static readonly Guid IamId = Guid.Parse("0193a000-0000-7000-8000-000000000002");

    internal static TrainingTopic[] Defaults =>
    [
        new() { Id = IntroductionId, SortOrder = 10, Format = TrainingFormat.Seminar, ReviewedForYear = 2026,
            TitleJa = "AWS入門(クラウドの基礎と主要サービス)", TitleEn = "Introduction to AWS (cloud basics and core services)",
            DescriptionJa = "EC2・S3・VPC・IAMなど主要サービスの役割と使い分けを学ぶセミナーです。", DescriptionEn = "A seminar on the roles of EC2, S3, VPC, IAM and other core services." },
        new() { Id = IamId, SortOrder = 20, Format = TrainingFormat.HandsOn, ReviewedForYear = 2026,
            TitleJa = "IAMとアカウントセキュリティ実践", TitleEn = "IAM and account security in practice",
            DescriptionJa = "IAMポリシー設計、MFA、ルートユーザー保護をハンズオンで学びます。", DescriptionEn = "Hands-on: IAM policy design, MFA and protecting the root user." },
        new() { Id = Guid.Parse("0193a000-0000-7000-8000-000000000003"), SortOrder = 30, Format = TrainingFormat.Seminar, ReviewedForYear = 2026,
            TitleJa = "コスト管理の基本(Cost ExplorerとBudgets)", TitleEn = "Cost management basics (Cost Explorer and Budgets)",
            DescriptionJa = "料金の仕組み、Cost Explorerでの分析、予算アラートの設定を解説します。", DescriptionEn = "How AWS charges, analysing with Cost Explorer, and budget alerts." },
        new() { Id = Guid.Parse("0193a000-0000-7000-8000-000000000004"), SortOrder = 40, Format = TrainingFormat.HandsOn, ReviewedForYear = 2026,
            TitleJa = "サーバーレス入門(LambdaとAPI Gateway)", TitleEn = "Serverless basics (Lambda and API Gateway)",
            DescriptionJa = "LambdaとAPI Gatewayで簡単なAPIを作るハンズオンです。", DescriptionEn = "Hands-on: build a small API with Lambda and API Gateway." },
    ];
}

internal sealed class TrainingTopicConfiguration : IEntityTypeConfiguration<TrainingTopic>
{
    public void Configure(EntityTypeBuilder<TrainingTopic> builder)
    {
        builder.ToTable("training_topics", t => t.HasCheckConstraint("ck_training_topics_duration", "duration_minutes BETWEEN 30 AND 540"));
        builder.Property(t => t.TitleJa).HasMaxLength(200);
        builder.Property(t => t.TitleEn).HasMaxLength(200);
        builder.Property(t => t.DescriptionJa).HasMaxLength(2000);
        builder.Property(t => t.DescriptionEn).HasMaxLength(2000);
        builder.Property(t => t.Format).HasConversion<string>().HasMaxLength(16);
        builder.HasData(TrainingTopic.Defaults);
    }
}
