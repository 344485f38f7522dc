using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Csat;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudpackPlus.Portal.Csat;

/// <summary>A survey as the customer sees it: which application and service, and the answer if given.</summary>
public sealed record SurveyView(
    Guid Id, Guid ApplicationId, string ApplicationNumber, string ServiceId, string ServiceNameJa, string ServiceNameEn,
    DateTimeOffset SentAt, DateTimeOffset? AnsweredAt, int? Score, string? Comment)
{
    public bool IsAnswered => AnsweredAt is not null;

    public string ServiceName(bool japanese) => japanese || string.IsNullOrEmpty(ServiceNameEn) ? ServiceNameJa : ServiceNameEn;
}

/// <summary>Why an answer was not taken (a resource key), or null when it was.</summary>
public enum SurveyAnswerResult
{
    Saved,
    NotFound,
    AlreadyAnswered,
    BadScore,
    CommentTooLong,
    NotRepresentative,
}

/// <summary>
/// CSAT, the customer side. Reads go through the tenant-filtered <see cref="CoreDbContext"/>, so another
/// company's survey does not exist for the caller (404). Answering is one conditional UPDATE
/// (<c>answered_at IS NULL</c>): two posts at once store one answer; the other is told it was already answered.
/// Only the company's representatives answer (members see the survey is pending).
/// </summary>
public sealed class SurveyDesk(CoreDbContext db, TimeProvider clock)
{
    public Task<SurveyView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        Views(db.SatisfactionSurveys.Where(s => s.Id == id)).SingleOrDefaultAsync(cancellationToken);

    public Task<SurveyView?> ForApplicationAsync(Guid applicationId, CancellationToken cancellationToken) =>
        Views(db.SatisfactionSurveys.Where(s => s.ApplicationId == applicationId)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The caller's company's unanswered surveys, newest first (the home page card).</summary>
    public Task<List<SurveyView>> PendingAsync(int take, CancellationToken cancellationToken) =>
        Views(db.SatisfactionSurveys.Where(s => s.AnsweredAt == null).OrderByDescending(s => s.SentAt).Take(take)).ToListAsync(cancellationToken);

    // The columns SurveyView reads, for a page's batch.
    private const string SelectSql = """
        SELECT s.id, s.application_id, a.number, s.service_id, COALESCE(c.name_ja, s.service_id), COALESCE(c.name_en, s.service_id),
               s.sent_at, s.answered_at, s.score, s.comment
        FROM core.satisfaction_surveys s JOIN core.applications a ON a.id = s.application_id
        LEFT JOIN core.catalogue_entries c ON c.id = s.service_id
        """;

    // $1 company, $2 limit: the same rows as PendingAsync.
    private const string PendingSql = SelectSql + " WHERE s.company_id = $1 AND s.answered_at IS NULL ORDER BY s.sent_at DESC LIMIT $2";

    // $1 company, $2 application: the same row as ForApplicationAsync.
    private const string ForApplicationSql = SelectSql + " WHERE s.company_id = $1 AND s.application_id = $2";

    /// <summary>As <see cref="PendingAsync"/> for <paramref name="companyId"/>, as a statement of the home page's batch (issue #17).</summary>
    public static BatchRows<SurveyView> AddPendingTo(OneBatch batch, Guid companyId, int take)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Add(PendingSql, Row, companyId, take);
    }

    /// <summary>As <see cref="ForApplicationAsync"/> for the company's application, as a statement of its page's batch (issue #17).</summary>
    public static BatchRows<SurveyView> AddForApplicationTo(OneBatch batch, Guid companyId, Guid applicationId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Add(ForApplicationSql, Row, companyId, applicationId);
    }

    private static SurveyView Row(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.At(6), r.Stamp(7), r.Number(8), r.Text(9));

    public async Task<SurveyAnswerResult> AnswerAsync(Guid id, Guid personId, bool isRepresentative, int? score, string? comment, CancellationToken cancellationToken)
    {
        var survey = await db.SatisfactionSurveys.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null)
        {
            return SurveyAnswerResult.NotFound;
        }

        if (!isRepresentative)
        {
            return SurveyAnswerResult.NotRepresentative;
        }

        if (survey.IsAnswered)
        {
            return SurveyAnswerResult.AlreadyAnswered;
        }

        if (score is not (>= 1 and <= 5))
        {
            return SurveyAnswerResult.BadScore;
        }

        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim().ReplaceLineEndings("\n");
        if (text is { Length: > SatisfactionSurvey.MaxComment })
        {
            return SurveyAnswerResult.CommentTooLong;
        }

        var now = clock.GetUtcNow();
        var updated = await db.SatisfactionSurveys.Where(s => s.Id == id && s.AnsweredAt == null).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.AnsweredAt, now).SetProperty(s => s.Score, score).SetProperty(s => s.Comment, text)
            .SetProperty(s => s.AnsweredBy, personId), cancellationToken);
        return updated == 1 ? SurveyAnswerResult.Saved : SurveyAnswerResult.AlreadyAnswered;
    }

    private IQueryable<SurveyView> Views(IQueryable<SatisfactionSurvey> surveys) =>
        from s in surveys
        join a in db.Applications on s.ApplicationId equals a.Id
        join c in db.Catalogue on s.ServiceId equals c.Id into cs
        from c in cs.DefaultIfEmpty()
        select new SurveyView(s.Id, s.ApplicationId, a.Number, s.ServiceId, c == null ? s.ServiceId : c.NameJa, c == null ? s.ServiceId : c.NameEn,
            s.SentAt, s.AnsweredAt, s.Score, s.Comment);
}
