using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Csat;
using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Csat;

/// <summary>
/// CSAT in the demo: the demo company's completed applications have their surveys (completion issued them; any
/// completed without one gets it here), one of them answered by the representative and the others pending.
/// Idempotent: a second run finds an answer and changes nothing.
/// </summary>
internal sealed class CsatDemoSeeder(CoreDbContext core, TimeProvider clock) : IDemoSeeder
{
    public int Order => 90; // after every seeder that completes applications

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var company = await core.Companies.Where(c => c.Code == "DEMO").Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        var rep = await core.People.Where(p => p.Email == "rep@demo.example.jp").Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (company is null || rep is null)
        {
            return ["CSAT: skipped (demo company or representative missing)"];
        }

        var completed = await core.Applications.Where(a => a.CompanyId == company && a.Status == ApplicationStatus.Completed)
            .OrderBy(a => a.ClosedAt).ToListAsync(cancellationToken);
        var issued = 0;
        foreach (var application in completed)
        {
            issued += await SurveyIssuer.IssueAsync(core, application, application.ClosedAt ?? clock.GetUtcNow(), cancellationToken) is null ? 0 : 1;
        }

        await core.SaveChangesAsync(cancellationToken);
        var surveys = await core.SatisfactionSurveys.Where(s => s.CompanyId == company).OrderBy(s => s.SentAt).ToListAsync(cancellationToken);
        if (surveys.Count < 2 || surveys.Any(s => s.IsAnswered))
        {
            // A second seeding finds what the first made (the start-up log reads "found" for what was already there).
            var answered = surveys.Count(s => s.IsAnswered);
            return [issued == 0
                ? $"found {surveys.Count} CSAT survey(s), {answered} answered"
                : $"created {issued} CSAT survey(s) ({surveys.Count} in all, {answered} answered)"];
        }

        var first = surveys[0];
        first.Score = 4;
        first.Comment = "説明が丁寧で分かりやすかったです。次回は実際の構成に沿った例も見たいです。";
        first.AnsweredBy = rep;
        first.AnsweredAt = clock.GetUtcNow();
        await core.SaveChangesAsync(cancellationToken);
        return [$"created CSAT surveys: {surveys.Count} ({issued} issued now), one answered, {surveys.Count - 1} pending"];
    }
}
