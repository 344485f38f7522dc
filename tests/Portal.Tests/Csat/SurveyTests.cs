using System.Net;
using System.Text;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Csat;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Csat;
using CloudpackPlus.Portal.Tests.Dashboard;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Csat;

/// <summary>
/// CSAT (issue #15): the survey issued at completion (once, also when completion runs again), answered once by the
/// company's representative, seen but not answerable by a member, 404 for another company; the staff dashboard's
/// figures per service and CSM and the CSV.
/// </summary>
public sealed class SurveyTests(SurveyTests.Fixture app) : IClassFixture<SurveyTests.Fixture>
{
    public sealed class Fixture : PortalAppFactory
    {
        public TestAccount Representative { get; private set; } = null!;

        public TestAccount Member { get; private set; } = null!;

        public TestAccount OtherRepresentative { get; private set; } = null!;

        public TestAccount Csm { get; private set; } = null!;

        public Guid CompanyA { get; private set; }

        public Guid ApplicationId { get; private set; }

        public Guid SurveyId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var a = CompanyA = await CreateCompanyAsync("CSATA", "CSAT A 株式会社");
            var b = await CreateCompanyAsync("CSATB", "CSAT B 株式会社");
            Representative = await CreateAccountAsync(a, PersonRole.Representative, "rep@csata.example.jp");
            Member = await CreateAccountAsync(a, PersonRole.Member, "member@csata.example.jp");
            OtherRepresentative = await CreateAccountAsync(b, PersonRole.Representative, "rep@csatb.example.jp");
            Csm = await CreateAccountAsync(null, PersonRole.Csm, "csm@csat.cloudpack.example.jp");
            ApplicationId = (await this.StartTrainingAsync(a, Representative, Csm)).ApplicationId;
            SurveyId = await CsatSeed.IssueAsync(this, ApplicationId, Csm.PersonId);
        }
    }

    [Fact]
    public async Task Issue_StoresOneSurvey_WithTheCsm_AndNotifiesOnlyTheRepresentatives_AgainAddsNothing()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var survey = await db.SatisfactionSurveys.AsNoTracking().SingleAsync(s => s.ApplicationId == app.ApplicationId);
        Assert.Equal((app.SurveyId, app.CompanyA, "TRAIN-1", app.Csm.PersonId), (survey.Id, survey.CompanyId, survey.ServiceId, survey.CsmId));
        var notes = await db.Notifications.AsNoTracking().Where(n => n.Kind == SurveyIssuer.NotificationKind && n.ApplicationId == app.ApplicationId).ToListAsync();
        var note = Assert.Single(notes);
        Assert.Equal((app.Representative.PersonId, $"/Surveys/{app.SurveyId}"), (note.RecipientId, note.Link));
        Assert.Contains("ご意見をお聞かせください", note.TitleJa, StringComparison.Ordinal);
        Assert.Contains("Tell us how we did", note.TitleEn, StringComparison.Ordinal);

        // Completion replayed (the step retried): stored survey found, nothing added; twice in one unsaved context too.
        var application = await db.Applications.IgnoreQueryFilters().SingleAsync(x => x.Id == app.ApplicationId);
        Assert.Null(await SurveyIssuer.IssueAsync(db, application, app.Clock.GetUtcNow(), CancellationToken.None));
        Assert.DoesNotContain(db.ChangeTracker.Entries(), e => e.State == EntityState.Added);
        Assert.Equal(1, await db.SatisfactionSurveys.CountAsync(s => s.ApplicationId == app.ApplicationId));
    }

    [Fact]
    public async Task OtherCompany404_MemberCannotAnswer_RepresentativeAnswersOnce_DashboardAndCsvShowIt()
    {
        using (var other = new PortalClient(app))
        {
            await other.SignInAsync(app.OtherRepresentative);
            using var get = await other.GetAsync($"/Surveys/{app.SurveyId}");
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            using var post = await other.PostFormAsync("/Settings", new Dictionary<string, string> { ["Score"] = "1" }, $"/Surveys/{app.SurveyId}");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        using var member = new PortalClient(app);
        await member.SignInAsync(app.Member);
        var page = await member.GetPageAsync($"/Surveys/{app.SurveyId}");
        Assert.Contains("data-test=\"survey-pending-member\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"survey-form\"", page, StringComparison.Ordinal);
        using var refused = await member.PostFormAsync("/Settings", new Dictionary<string, string> { ["Score"] = "2" }, $"/Surveys/{app.SurveyId}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("代表者のみ", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-test=\"survey-card\"", await member.GetPageAsync("/"), StringComparison.Ordinal);

        // The representative answers (one sequence: the member's view above needs the survey still pending).
        using var rep = new PortalClient(app);
        await rep.SignInAsync(app.Representative);
        var home = await rep.GetPageAsync("/");
        Assert.Contains($"href=\"/Surveys/{app.SurveyId}\"", home, StringComparison.Ordinal);
        Assert.Contains("data-test=\"survey-card-answer\"", await rep.GetPageAsync($"/Applications/{app.ApplicationId}"), StringComparison.Ordinal);

        using var bad = await rep.PostFormAsync($"/Surveys/{app.SurveyId}", new Dictionary<string, string> { ["Score"] = "9", ["Comment"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var tooLong = await rep.PostFormAsync($"/Surveys/{app.SurveyId}", new Dictionary<string, string> { ["Score"] = "4", ["Comment"] = new string('あ', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        using var ok = await rep.PostFormAsync($"/Surveys/{app.SurveyId}", new Dictionary<string, string> { ["Score"] = "4", ["Comment"] = "=HYPERLINK(\"x\") とても良かった" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var answered = await rep.GetPageAsync($"/Surveys/{app.SurveyId}");
        Assert.Contains("data-test=\"survey-score\">4<", answered, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"survey-form\"", answered, StringComparison.Ordinal);

        using var again = await rep.PostFormAsync("/Settings", new Dictionary<string, string> { ["Score"] = "1", ["Comment"] = "二回目" }, $"/Surveys/{app.SurveyId}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("すでに回答済み", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        SatisfactionSurvey stored;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            stored = await scope.ServiceProvider.GetRequiredService<CoreDbContext>().SatisfactionSurveys.AsNoTracking().SingleAsync(s => s.Id == app.SurveyId);
        }


        Assert.Equal((4, app.Representative.PersonId), (stored.Score, stored.AnsweredBy));
        Assert.StartsWith("=HYPERLINK", stored.Comment, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"survey-card\"", await rep.GetPageAsync("/"), StringComparison.Ordinal); // nothing pending on the home page

        using var staff = new PortalClient(app);
        await staff.SignInAsync(app.Csm);
        var dashboard = await staff.GetPageAsync("/Staff/Dashboard");
        var service = Assert.Single(DashboardSeed.Rows(dashboard, CsatFigures.Services));
        Assert.Equal(["1", "1", "100.0%", "4.00"], service[1..]);
        var csm = Assert.Single(DashboardSeed.Rows(dashboard, CsatFigures.Csms));
        Assert.Equal([$"テスト {app.Csm.Email}", "1", "1", "100.0%", "4.00"], csm);
        // The comment names its service as the table by service does (it showed the catalogue code, e.g. ACCT-D).
        Assert.Contains(DashboardSeed.Rows(dashboard, CsatFigures.Comments), r => r[1].StartsWith("A-", StringComparison.Ordinal) && r[3] == service[0] && r[4] == "4");

        using var csv = await staff.GetAsync($"/Staff/Dashboard?handler=CsatCsv&table={CsatFigures.Comments}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\") とても良かった\"", text, StringComparison.Ordinal); // formula-safe, quoted
        using var unknown = await staff.GetAsync("/Staff/Dashboard?handler=CsatCsv&table=nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
