using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Applications;

/// <summary>TRAIN-1: the training menu, edited by staff and reviewed once per fiscal year.</summary>
public sealed class TrainingMenuService(CoreDbContext db, TimeProvider clock)
{
    /// <summary>The menu in display order; customers see only the active topics.</summary>
    public async Task<IReadOnlyList<TrainingTopic>> ListAsync(bool includeInactive = false, CancellationToken cancellationToken = default) =>
        await db.TrainingTopics.AsNoTracking().Where(t => includeInactive || t.IsActive)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.TitleJa).ToListAsync(cancellationToken);

    public Task<TrainingTopic?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.TrainingTopics.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);

    /// <summary>Whether every active topic was reviewed for the current fiscal year.</summary>
    public async Task<bool> IsReviewedThisYearAsync(CancellationToken cancellationToken = default)
    {
        var year = FiscalYear.Current(clock).StartYear;
        return !await db.TrainingTopics.AnyAsync(t => t.IsActive && t.ReviewedForYear < year, cancellationToken);
    }

    /// <summary>Adds or changes a topic (staff only). Saving counts as reviewing it for this fiscal year.</summary>
    public async Task<TrainingTopic> SaveAsync(TrainingTopic topic, Guid staffId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        await db.RequireStaffAsync(staffId, cancellationToken);
        if (string.IsNullOrWhiteSpace(topic.TitleJa) || string.IsNullOrWhiteSpace(topic.TitleEn)
            || topic.TitleJa.Length > 200 || topic.TitleEn.Length > 200 || topic.DescriptionJa.Length > 2000 || topic.DescriptionEn.Length > 2000
            || topic.DurationMinutes is < 30 or > 540)
        {
            throw new ProgrammeRuleException("training_topic_invalid",
                "題名(日本語・英語、200文字以内)は必須です。説明は2000文字以内、所要時間は30〜540分で入力してください。",
                "Both titles (up to 200 characters) are required; descriptions up to 2,000 characters; duration 30-540 minutes.");
        }

        var existing = await db.TrainingTopics.SingleOrDefaultAsync(t => t.Id == topic.Id, cancellationToken);
        var target = existing ?? new TrainingTopic { Id = topic.Id, TitleJa = topic.TitleJa, TitleEn = topic.TitleEn };
        target.TitleJa = topic.TitleJa.Trim();
        target.TitleEn = topic.TitleEn.Trim();
        target.DescriptionJa = topic.DescriptionJa.Trim();
        target.DescriptionEn = topic.DescriptionEn.Trim();
        target.Format = topic.Format;
        target.DurationMinutes = topic.DurationMinutes;
        target.IsActive = topic.IsActive;
        target.SortOrder = topic.SortOrder;
        target.ReviewedForYear = FiscalYear.Current(clock).StartYear;
        target.UpdatedBy = staffId;
        target.UpdatedAt = clock.GetUtcNow();
        if (existing is null)
        {
            db.TrainingTopics.Add(target);
        }

        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    /// <summary>Marks every active topic reviewed for the current fiscal year (the yearly review, TRAIN-1).</summary>
    public async Task<int> MarkReviewedAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        await db.RequireStaffAsync(staffId, cancellationToken);
        var year = FiscalYear.Current(clock).StartYear;
        var now = clock.GetUtcNow();
        return await db.TrainingTopics.Where(t => t.IsActive && t.ReviewedForYear < year)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReviewedForYear, year).SetProperty(t => t.UpdatedBy, staffId).SetProperty(t => t.UpdatedAt, now), cancellationToken);
    }
}
