using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Dashboard;

/// <summary>
/// Issue #14 §8 performance: each staff list page and a company's page costs at most 5 SQL round trips per request,
/// whatever the number of companies (no N+1). Counted by <see cref="SqlRoundTrips"/> (Npgsql's own tracing, per request).
/// </summary>
public sealed class SqlRoundTripTests(SqlRoundTripTests.Fixture app) : IClassFixture<SqlRoundTripTests.Fixture>
{
    public const int MaxRoundTrips = 5;

    /// <summary>Twelve companies with tickets and a training application, so per-row queries would show.</summary>
    public sealed class Fixture : PortalAppFactory
    {
        public TestAccount Csm { get; private set; } = null!;

        public Guid CompanyId { get; private set; }

        public string ApplicationNumber { get; private set; } = "";

        /// <summary>A CSM task with a company and no application, as a basic-service cycle's (company 「往復 3」).</summary>
        public Guid CycleTaskId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Csm = await CreateAccountAsync(null, PersonRole.Csm, "trips-csm@cloudpack.example.jp");
            var cycleCompany = Guid.Empty;
            for (var i = 0; i < 12; i++)
            {
                var id = await DashboardSeed.CompanyAsync(this, $"RT-{i:D2}", $"往復 {i}", i % 2 == 0 ? Rank.Gold : Rank.Silver, Csm, spent: i % 3);
                CompanyId = id;
                cycleCompany = i == 3 ? id : cycleCompany;
            }

            var representative = await CreateAccountAsync(CompanyId, PersonRole.Representative, "trips-rep@example.jp");
            var training = await this.StartTrainingAsync(CompanyId, representative, Csm);
            await using var scope = Services.CreateAsyncScope();
            var application = await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Applications.IgnoreQueryFilters()
                .Where(a => a.Id == training.ApplicationId).Select(a => new { a.Number, a.WorkflowInstanceId }).SingleAsync();
            ApplicationNumber = application.Number;
            var workflows = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            // An instance that fulfils no application (a basic-service cycle's), waiting on its CSM task.
            var trainingInstance = await workflows.Instances.AsNoTracking().SingleAsync(i => i.Id == application.WorkflowInstanceId);
            var cycle = new WorkflowInstance
            {
                DefinitionVersionId = trainingInstance.DefinitionVersionId, DefinitionId = trainingInstance.DefinitionId, Version = trainingInstance.Version,
                Status = InstanceStatus.Suspended, CorrelationId = cycleCompany.ToString(), CreatedAt = Clock.GetUtcNow(), UpdatedAt = Clock.GetUtcNow(),
            };
            workflows.Instances.Add(cycle);
            var cycleTask = new WorkflowTask
            {
                InstanceId = cycle.Id, BookmarkId = Guid.CreateVersion7(), NodeId = "investigate", Title = "調査結果を記録してください", TitleEn = "Record the investigation",
                FormSchema = "{}", Role = TaskRoles.Csm, CompanyId = cycleCompany, DueAt = Clock.GetUtcNow().AddDays(30), Status = WorkflowTaskStatus.Open, CreatedAt = Clock.GetUtcNow(),
            };
            workflows.Tasks.Add(cycleTask);
            await workflows.SaveChangesAsync();
            CycleTaskId = cycleTask.Id;
        }
    }

    [Theory]
    [InlineData("/Staff/Dashboard")]
    [InlineData("/Staff/Dashboard?scope=mine")]
    [InlineData("/Staff/Companies")]
    [InlineData("/Staff/Applications")]
    [InlineData("/Staff/Tasks")]
    public async Task StaffPage_CostsAtMostFiveSqlRoundTrips(string path) => await AssertRoundTripsAsync(path);

    /// <summary>
    /// Each list's worst case: every filter and a search at once, and a page past the end (which shows the last page: the
    /// total is read first). The inbox's "my companies" with a search was 6 round trips (one per lookup); now 3.
    /// </summary>
    [Theory]
    [InlineData("/Staff/Dashboard?scope=companies")]
    [InlineData("/Staff/Companies?q=RT&mine=true&p=99")]
    [InlineData("/Staff/Applications?status=Submitted&q=RT-11&p=99")]
    [InlineData("/Staff/Tasks?show=companies&q=RT-11&p=99")]
    [InlineData("/Staff/Tasks?show=mine&q=%E5%BE%80%E5%BE%A9&p=99")]
    [InlineData("/Staff/Tasks?show=open&q=A-&p=2")]
    public async Task StaffPage_WorstCase_CostsAtMostFiveSqlRoundTrips(string path) => await AssertRoundTripsAsync(path);

    /// <summary>The inbox's worst case is a real one: "my companies" with a search by company code finds the training's task and shows its application.</summary>
    [Fact]
    public async Task TaskInbox_MyCompaniesWithSearch_ShowsTheTaskWithItsApplication()
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(app.Csm);
        var html = await client.GetPageAsync("/Staff/Tasks?show=companies&q=RT-11");
        Assert.Contains("往復 11", html, StringComparison.Ordinal);
        Assert.Contains(app.ApplicationNumber, html, StringComparison.Ordinal);
        var none = await client.GetPageAsync("/Staff/Tasks?show=companies&q=RT-05");
        Assert.DoesNotContain(app.ApplicationNumber, none, StringComparison.Ordinal);
    }

    /// <summary>
    /// A task with no application (a basic-service cycle's: its company is in the task, not in an application) shows its
    /// company in the inbox's company column, not 「—」, in the same round trip as the page's applications and claimers.
    /// </summary>
    [Fact]
    [Trait("Spec", "BAS-2")]
    public async Task TaskInbox_TaskWithoutApplication_ShowsItsCompany()
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(app.Csm);
        var html = System.Net.WebUtility.HtmlDecode(await client.GetPageAsync("/Staff/Tasks?show=all"));
        var row = Regex.Match(html, $"<tr[^>]*data-test=\"inbox-row\">(?:(?!</tr>).)*/Staff/Tasks/{app.CycleTaskId}(?:(?!</tr>).)*</tr>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(row);
        Assert.Equal("往復 3", Regex.Match(row, "data-test=\"inbox-company\">([^<]*)<").Groups[1].Value);
        var training = Regex.Match(html, $"<tr[^>]*data-test=\"inbox-row\">(?:(?!</tr>).)*{app.ApplicationNumber}(?:(?!</tr>).)*</tr>", RegexOptions.Singleline).Value;
        Assert.Equal("往復 11", Regex.Match(training, "data-test=\"inbox-company\">([^<]*)<").Groups[1].Value);
    }

    /// <summary>
    /// The company page (standing, eligibility, contracts, accounts, users, CSM choices, rank, balance, basic-service cycles)
    /// reads every panel in one batch (StaffCompanyQuery): 2 round trips with the layout's unread count (was 16, one per panel).
    /// </summary>
    [Fact]
    public async Task CompanyPage_CostsAtMostFiveSqlRoundTrips() => await AssertRoundTripsAsync("/Staff/Companies/{company}");

    private async Task AssertRoundTripsAsync(string path)
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(app.Csm);
        await SqlRoundTrips.AssertAtMostAsync(client, path.Replace("{company}", app.CompanyId.ToString(), StringComparison.Ordinal), MaxRoundTrips);
    }
}
