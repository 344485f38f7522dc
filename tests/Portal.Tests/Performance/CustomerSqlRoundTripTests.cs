using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Notifications;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Portal.Tests.Tools;

namespace CloudpackPlus.Portal.Tests.Performance;

/// <summary>
/// Issue #17 "Page speed under load": each customer page costs at most 3 SQL round trips per request (the layout's
/// unread count and the home page's to-do list included), whatever the company holds. Counted by <see cref="SqlRoundTrips"/>.
/// The company has a linked AWS account (simulated), a training application with a conversation, an attachment, a
/// file and a report, an inquiry, and notifications, so per-row or per-panel queries would show.
/// </summary>
public sealed class CustomerSqlRoundTripTests(CustomerSqlRoundTripTests.Fixture app) : IClassFixture<CustomerSqlRoundTripTests.Fixture>
{
    public const int MaxRoundTrips = 3;

    /// <summary>The application page's batch and its form's one option source (within <see cref="MaxRoundTrips"/>; a regression shows here first).</summary>
    public const int ApplicationPageRoundTrips = 2;

    public sealed class Fixture : PortalAppFactory
    {
        public TestAccount Representative { get; private set; } = null!;

        public Guid ApplicationId { get; private set; }

        /// <summary>An AWS account diagnosis with every panel of its page populated (<see cref="ApplicationPageSeed"/>).</summary>
        public Guid DiagnosisId { get; private set; }

        /// <summary>Another company's representative (its application ids of this company must answer 404).</summary>
        public TestAccount Stranger { get; private set; } = null!;

        public string AccountId { get; private set; } = "";

        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["Aws:Mode"] = "Simulated";
                return settings;
            }
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var (company, rep, member, accountId) = await this.CompanyAsync("PERF17", ContractType.BillingAgency);
            var csm = await CreateAccountAsync(null, PersonRole.Csm, "perf17-csm@cloudpack.example.jp");
            Representative = rep;
            AccountId = accountId;
            ApplicationId = (await this.StartTrainingAsync(company, rep, csm)).ApplicationId;
            DiagnosisId = await ApplicationPageSeed.DiagnosisWithPanelsAsync(this, company, rep, accountId, csm);
            Stranger = (await this.CompanyAsync("PERF17B", ContractType.BillingAgency)).Rep;
            await InquirySeed.SeedAsync(this, company, member.PersonId, csm.PersonId);
            for (var i = 0; i < 3; i++)
            {
                await NotificationSeed.AddAsync(this, rep.PersonId, $"お知らせ {i}", $"Notice {i}", link: $"/Applications/{ApplicationId}", companyId: company);
            }
        }
    }

    [Theory]
    [Trait("Spec", "CO-1")]
    [InlineData("/")]
    [InlineData("/Applications")]
    [InlineData("/Services")]
    [InlineData("/Inquiries")]
    [InlineData("/Company")]
    [InlineData("/Reports")]
    [InlineData("/Notifications")]
    [InlineData("/Tools/Accounts")]
    [InlineData("/Tools/TrustedAdvisor?account={account}")]
    [InlineData("/Tools/Charges?account={account}")]
    public async Task CustomerPage_CostsAtMostThreeSqlRoundTrips(string path)
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(app.Representative);
        var url = path.Replace("{application}", app.ApplicationId.ToString(), StringComparison.Ordinal)
            .Replace("{account}", app.AccountId, StringComparison.Ordinal);
        await SqlRoundTrips.AssertAtMostAsync(client, url, MaxRoundTrips);
    }

    /// <summary>
    /// The application page: one batch (the application, its service and form version, the workflow's journal, tasks and
    /// open signal waits, the conversation, events, names, files, reports, checklist, survey, unread count), then the apply
    /// form's option source when an answered field has one (the training's topics, the diagnosis's linked accounts).
    /// The diagnosis has every panel populated, so a per-panel query would show.
    /// </summary>
    [Theory]
    [Trait("Spec", "APP-2")]
    [InlineData("training")]
    [InlineData("diagnosis")]
    public async Task ApplicationPage_CostsAtMostThreeSqlRoundTrips(string kind)
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(app.Representative);
        var id = kind == "training" ? app.ApplicationId : app.DiagnosisId;
        await SqlRoundTrips.AssertAtMostAsync(client, $"/Applications/{id}", ApplicationPageRoundTrips);
    }

    /// <summary>The batched page still shows every panel, and another company's representative gets 404 for the same id.</summary>
    [Fact]
    [Trait("Spec", "APP-2")]
    [Trait("Spec", "REPORT-1")]
    [Trait("Spec", "SCOPE-1")]
    [Trait("Spec", "WEB-6")]
    public async Task ApplicationPage_ShowsEveryPanel_AndNotToAnotherCompany()
    {
        using var client = new PortalClient(app);
        await client.SignInAsync(app.Representative);
        var page = await client.GetPageAsync($"/Applications/{app.DiagnosisId}");
        Assert.Contains("AWSアカウント診断", page, StringComparison.Ordinal);
        Assert.Contains($"{app.AccountId} (本番)", page, StringComparison.Ordinal); // the account field by its option's label
        Assert.Contains("data-test=\"report-row\"", page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"quote-request-link\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-test=\"checklist-item-{ApplicationPageSeed.ChecklistKey}\"", page, StringComparison.Ordinal);
        Assert.Contains("data-test=\"survey-card-item\"", page, StringComparison.Ordinal);
        Assert.Contains("診断の前提です", page, StringComparison.Ordinal);
        Assert.Contains("前提.txt", page, StringComparison.Ordinal);
        Assert.Contains("構成図.pdf", page, StringComparison.Ordinal);

        using var stranger = new PortalClient(app);
        await stranger.SignInAsync(app.Stranger);
        foreach (var id in new[] { app.DiagnosisId, app.ApplicationId })
        {
            using var refused = await stranger.GetAsync($"/Applications/{id}");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
        }
    }
}
