using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudpackPlus.Core.Terms;

/// <summary>
/// WEB-2: one version of a terms document (e.g. the scan partner's terms) that an apply form's
/// <c>terms</c> field asks the customer to accept. Versions are never edited: a change is a new version,
/// and the application records the id and version accepted.
/// </summary>
public sealed class TermsDocument
{
    public const int MaxTextLength = 100_000;

    /// <summary>Stable id, e.g. <c>kdsec-scan</c>.</summary>
    public required string Id { get; init; }

    public int Version { get; init; }

    public required string TitleJa { get; init; }

    public required string TitleEn { get; init; }

    public required string TextJa { get; init; }

    public required string TextEn { get; init; }

    public DateTimeOffset PublishedAt { get; init; }

    public Guid PublishedBy { get; init; }

    public string TitleIn(bool japanese) => japanese ? TitleJa : TitleEn;

    public string TextIn(bool japanese) => japanese ? TextJa : TextEn;
}

/// <summary>WEB-2: publishes and reads versioned terms.</summary>
public sealed class TermsService(CoreDbContext db, TimeProvider clock)
{
    /// <summary>The latest version of a terms document, or null.</summary>
    public Task<TermsDocument?> LatestAsync(string id, CancellationToken cancellationToken = default) =>
        db.TermsDocuments.AsNoTracking().Where(t => t.Id == id).OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Publishes a new version (the previous ones stay, for the applications that accepted them). Staff only.</summary>
    public async Task<TermsDocument> PublishAsync(string id, string titleJa, string titleEn, string textJa, string textEn, Guid staffId,
        CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || new[] { titleJa, titleEn, textJa, textEn }.Any(string.IsNullOrWhiteSpace)
            || textJa.Length > TermsDocument.MaxTextLength || textEn.Length > TermsDocument.MaxTextLength || titleJa.Length > 200 || titleEn.Length > 200)
        {
            throw new ProgrammeRuleException("terms_invalid", "規約のID(64文字以内)、題名と本文(日本語・英語)は必須です。",
                "The terms need an id (up to 64 characters), and a title and text in Japanese and English.");
        }

        return await db.InTransactionAsync(async () =>
        {
            // Two publishes of the same terms at once must not both take the same version number.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"terms:" + id}))", cancellationToken);
            var latest = await db.TermsDocuments.Where(t => t.Id == id).MaxAsync(t => (int?)t.Version, cancellationToken) ?? 0;
            var row = new TermsDocument
            {
                Id = id, Version = latest + 1, TitleJa = titleJa.Trim(), TitleEn = titleEn.Trim(), TextJa = textJa, TextEn = textEn,
                PublishedAt = clock.GetUtcNow(), PublishedBy = staffId,
            };
            db.TermsDocuments.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            return row;
        }, cancellationToken);
    }
}

internal sealed class TermsDocumentConfiguration : IEntityTypeConfiguration<TermsDocument>
{
    public void Configure(EntityTypeBuilder<TermsDocument> builder)
    {
        builder.ToTable("terms_documents", t => t.HasCheckConstraint("ck_terms_documents_version", "version > 0"));
        builder.HasKey(t => new { t.Id, t.Version });
        builder.Property(t => t.Id).HasMaxLength(64);
        builder.Property(t => t.TitleJa).HasMaxLength(200);
        builder.Property(t => t.TitleEn).HasMaxLength(200);
        builder.Property(t => t.TextJa).HasMaxLength(TermsDocument.MaxTextLength);
        builder.Property(t => t.TextEn).HasMaxLength(TermsDocument.MaxTextLength);
    }
}
