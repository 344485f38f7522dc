using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Catalogue;

/// <summary>ADV-1: the categories of advanced services.</summary>
public enum ServiceCategory
{
    CostOptimisation,
    Security,
    Training,
}

/// <summary>
/// ADV-1: one advanced service of the catalogue, as data admins edit without a redeploy.
/// Seeded with the seven services of the specification.
/// </summary>
public sealed class CatalogueEntry
{
    /// <summary>Stable id, e.g. <c>COST-C</c>.</summary>
    public required string Id { get; init; }

    public required string NameJa { get; set; }

    public required string NameEn { get; set; }

    public ServiceCategory Category { get; set; }

    /// <summary>What the service includes, shown in the catalogue (Japanese).</summary>
    public string DescriptionJa { get; set; } = "";

    /// <summary>What the service includes (English).</summary>
    public string DescriptionEn { get; set; } = "";

    /// <summary>The workflow a portal application starts; null while the service is applied for through the CSM.</summary>
    public string? WorkflowDefinitionId { get; set; }

    /// <summary>
    /// The apply form (jsonb, the form language of human tasks: <c>{"fields": [...]}</c>); null while the
    /// service has no portal form. A service is online when it has a workflow and a form.
    /// </summary>
    public string? ApplyForm { get; set; }

    /// <summary>
    /// The published version of <see cref="ApplyForm"/> (a row of <see cref="ApplyFormVersion"/>); null while the service has
    /// no form. Set by <see cref="CatalogueService"/> only: a changed form is always a new version.
    /// </summary>
    public int? FormVersion { get; set; }

    /// <summary>The portal can take applications for it: a workflow to start and a form to ask with.</summary>
    public bool IsOnline => WorkflowDefinitionId is not null && !string.IsNullOrWhiteSpace(ApplyForm);

    public string NameIn(bool japanese) => japanese ? NameJa : NameEn;

    public string DescriptionIn(bool japanese) => japanese ? DescriptionJa : DescriptionEn;

    public int TicketCost { get; set; }

    /// <summary>One AWS account per application (COST-L, ACCT-D, SEC-L).</summary>
    public bool OneAwsAccountPerApplication { get; set; }

    /// <summary>Ranks that may apply; empty = every rank.</summary>
    public List<Rank> AllowedRanks { get; set; } = [];

    /// <summary>Contract types of which the company must hold at least one; empty = any qualifying contract.</summary>
    public List<ContractType> AllowedContractTypes { get; set; } = [];

    /// <summary>Applications accepted per fiscal year across all companies (WEB-4); null = unlimited.</summary>
    public int? YearlyCapacity { get; set; }

    /// <summary>Whether the customer may cancel after applying (WEB-3: the scan may not).</summary>
    public bool CustomerCancellable { get; set; } = true;

    public bool IsActive { get; set; } = true;

    public int SortOrder { get; set; }

    public Guid? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>xmin: two admins editing the same entry at once do not overwrite each other.</summary>
    public uint RowVersion { get; set; }

    public bool AllowsRank(Rank rank) => AllowedRanks.Count == 0 || AllowedRanks.Contains(rank);

    internal static CatalogueEntry[] Defaults =>
    [
        new() { Id = "COST-C", DescriptionJa = "スコーピング会議(オンライン1〜2時間)→ CSMによる調査(参照権限がなければ設定を依頼)→ 報告・提案会議(1〜2時間)。", DescriptionEn = "Scoping meeting (online, 1-2 h) → investigation by the CSM (read access arranged if missing) → report and proposal meeting (1-2 h).", WorkflowDefinitionId = "cost-c", ApplyForm = ConsultingApplyForms.Cost, SortOrder = 10, NameJa = "コスト最適化コンサルティング", NameEn = "Cost optimisation consulting", Category = ServiceCategory.CostOptimisation, TicketCost = 10 },
        new() { Id = "COST-L", DescriptionJa = "1申請につきAWSアカウント1つ。Trusted AdvisorとCompute Optimizerで診断:会議(1時間)→ 調査 → 報告・提案(1時間)。", DescriptionEn = "One AWS account per application; diagnosis with Trusted Advisor and Compute Optimizer: meeting (1 h) → investigation → report and proposal (1 h).", WorkflowDefinitionId = "cost-l", ApplyForm = LiteApplyForms.CostLite, SortOrder = 20, NameJa = "コスト最適化コンサルティングLite", NameEn = "Cost optimisation consulting Lite", Category = ServiceCategory.CostOptimisation, TicketCost = 5, OneAwsAccountPerApplication = true },
        new() { Id = "ACCT-D", DescriptionJa = "AWSアカウント1つ。診断用IAMロール作成 → AWS Config・Security Hubの有効化と設定 → 検出結果の収集とレポート → 診断ロールの削除。", DescriptionEn = "One AWS account: diagnosis IAM role → enable AWS Config and Security Hub → collect findings and deliver the report → delete the diagnosis role.", WorkflowDefinitionId = "acct-d", ApplyForm = AccountDiagnosisApplyForm.Json, SortOrder = 30, NameJa = "AWSアカウント診断", NameEn = "AWS account diagnosis", Category = ServiceCategory.Security, TicketCost = 5, OneAwsAccountPerApplication = true },
        new() { Id = "SEC-C", DescriptionJa = "セキュリティをテーマに、スコーピング会議 → 調査 → 報告・提案会議を行います。", DescriptionEn = "On security: scoping meeting → investigation → report and proposal meeting.", WorkflowDefinitionId = "sec-c", ApplyForm = ConsultingApplyForms.Security, SortOrder = 40, NameJa = "セキュリティコンサルティング", NameEn = "Security consulting", Category = ServiceCategory.Security, TicketCost = 10 },
        new() { Id = "SEC-L", DescriptionJa = "AWSアカウント1つ。Well-Architected FrameworkとTrusted Advisorに基づく診断:日程調整会議(1時間)→ 診断 → リスクと改善策のレポート。", DescriptionEn = "One AWS account; Well-Architected Framework and Trusted Advisor: meeting to set the date (1 h) → diagnosis → report of risks and improvements.", WorkflowDefinitionId = "sec-l", ApplyForm = LiteApplyForms.SecurityLite, SortOrder = 50, NameJa = "セキュリティコンサルティングLite", NameEn = "Security consulting Lite", Category = ServiceCategory.Security, TicketCost = 5, OneAwsAccountPerApplication = true },
        new() { Id = "TRAIN-1", DescriptionJa = "1申請につき1回。セミナーまたはハンズオン、オンラインで約2時間。内容と日程はポータル上でお客様と調整します。トレーニングメニューは毎年見直します。", DescriptionEn = "One training per application: seminar or hands-on, online, about 2 h. Content and date are agreed with you in the portal. The training menu is reviewed yearly.", WorkflowDefinitionId = "aws-training", ApplyForm = TrainingApplyForm.Json, SortOrder = 60, NameJa = "AWSトレーニング", NameEn = "AWS training", Category = ServiceCategory.Training, TicketCost = 2 },
        new() { Id = "WEB-L", DescriptionJa = "パートナー(KDSec)によるWeb脆弱性診断。申込時にヒアリングシート(対象・希望時期)→ 日程調整 → 最大15アクションの診断 → 所定形式のレポート。申込後のキャンセルはできません。", DescriptionEn = "Web vulnerability scan by our partner KDSec: hearing sheet at application (targets, wished dates) → schedule → scan of at most 15 actions → report. Cannot be cancelled once applied.", WorkflowDefinitionId = "web-l", ApplyForm = WebScanApplyForm.Json, SortOrder = 70, NameJa = "Web脆弱性診断Lite(Powered by KDSec)", NameEn = "Web vulnerability scan Lite (powered by KDSec)", Category = ServiceCategory.Security, TicketCost = 10, YearlyCapacity = 12, CustomerCancellable = false },
    ];
}

internal sealed class CatalogueEntryConfiguration : IEntityTypeConfiguration<CatalogueEntry>
{
    public void Configure(EntityTypeBuilder<CatalogueEntry> builder)
    {
        builder.ToTable("catalogue_entries", t =>
        {
            t.HasCheckConstraint("ck_catalogue_entries_cost", "ticket_cost > 0");
            t.HasCheckConstraint("ck_catalogue_entries_capacity", "yearly_capacity IS NULL OR yearly_capacity >= 0");
        });
        builder.Property(e => e.Id).HasMaxLength(32);
        builder.Property(e => e.RowVersion).IsRowVersion();
        builder.Property(e => e.NameJa).HasMaxLength(200);
        builder.Property(e => e.NameEn).HasMaxLength(200);
        builder.Property(e => e.DescriptionJa).HasMaxLength(2000);
        builder.Property(e => e.DescriptionEn).HasMaxLength(2000);
        builder.Property(e => e.WorkflowDefinitionId).HasMaxLength(100);
        builder.Property(e => e.ApplyForm).HasColumnType("jsonb");
        builder.Property(e => e.FormVersion).HasColumnName("apply_form_version");
        builder.Property(e => e.Category).HasConversion<string>().HasMaxLength(32);
        builder.PrimitiveCollection(e => e.AllowedRanks).ElementType(e => e.HasConversion<string>());
        builder.PrimitiveCollection(e => e.AllowedContractTypes).ElementType(e => e.HasConversion<string>());
        builder.HasData(CatalogueEntry.Defaults);
    }
}
