using System.Globalization;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Core.Reports;
using CloudpackPlus.Core.WebScan;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Lists;

/// <summary>
/// 60 rows of every list for one company (applications, their reports and partner assignments, inquiries, quote
/// requests, the representative's notifications, users, AWS accounts, CSM tasks), each named with a three-digit
/// number 000–059 so a search can pick all of them or the ten of 050–059.
/// </summary>
public sealed class ListPagingSeed : PortalAppFactory
{
    public const int Rows = 60;

    public Guid Company { get; private set; }

    public TestAccount Representative { get; private set; } = null!;

    public TestAccount Csm { get; private set; } = null!;

    public TestAccount Partner { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Company = await CreateCompanyAsync("LPAGE", "ページ送り商事");
        Representative = await CreateAccountAsync(Company, PersonRole.Representative, "rep@lpage.example.jp");
        Csm = await CreateAccountAsync(null, PersonRole.Csm, "csm@lpage.cloudpack.example.jp");
        Partner = await CreateAccountAsync(null, PersonRole.Partner, "engineer@lpage-partner.example.jp");
        var training = await this.StartTrainingAsync(Company, Representative, Csm);

        await using var scope = Services.CreateAsyncScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var identity = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        var workflows = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var instance = await core.Applications.Where(a => a.Id == training.ApplicationId).Select(a => a.WorkflowInstanceId).SingleAsync();
        var start = Clock.GetUtcNow().AddDays(-30);
        for (var i = 0; i < Rows; i++)
        {
            var n = i.ToString("000", CultureInfo.InvariantCulture);
            var at = start.AddMinutes(i);
            var application = new ServiceApplication
            {
                Id = Guid.CreateVersion7(), CompanyId = Company, ServiceId = "TRAIN-1", Number = $"LP-{n}", Status = ApplicationStatus.Submitted,
                AppliedBy = Representative.PersonId, AppliedAt = at, ReservationId = Guid.CreateVersion7(), WorkflowInstanceId = Guid.CreateVersion7(),
                Details = "{}", UpdatedAt = at,
            };
            core.Applications.Add(application);
            core.Reports.Add(new GeneratedReport
            {
                ApplicationId = application.Id, CompanyId = Company, ServiceId = "TRAIN-1", Culture = "ja-JP", TemplateVersion = 1, GeneratedAt = at,
                Html = "<p>r</p>"u8.ToArray(), Pdf = "%PDF-1.7\n"u8.ToArray(), Size = 9,
            });
            core.PartnerAssignments.Add(new PartnerAssignment { ApplicationId = application.Id, PartnerId = Partner.PersonId, AssignedAt = at });
            core.Set<Inquiry>().Add(new Inquiry
            {
                CompanyId = Company, Number = $"Q-LP-{n}", Category = InquiryCategory.Other, Subject = $"ページ質問 {n}", Status = InquiryStatus.Open,
                OpenedBy = Representative.PersonId, OpenedAt = at, LastActivityAt = at,
            });
            core.QuoteRequests.Add(new QuoteRequest
            {
                CompanyId = Company, Description = $"ページ見積 {n}", Route = QuoteRoute.SeparateQuote, RequestedBy = Representative.PersonId, RequestedAt = at,
            });
            core.Notifications.Add(new Notification
            {
                RecipientId = Representative.PersonId, CompanyId = Company, Kind = "test", TitleJa = $"ページ通知 {n}", TitleEn = $"Paging notice {n}",
                BodyJa = "", BodyEn = "", CreatedAt = at,
            });
            core.Companies.Add(new Company { Code = $"LPC{n}", Name = $"ページ会社 {n}", CreatedAt = at });
            core.AwsAccounts.Add(new AwsAccount { CompanyId = Company, AccountId = $"777700000{n}", DisplayName = $"ページ口座 {n}", RootHeldByProvider = true, LinkedAt = at });
            identity.Users.Add(new PortalUser
            {
                UserName = $"pageuser{n}@lpage.example.jp", Email = $"pageuser{n}@lpage.example.jp", PersonId = Guid.CreateVersion7(), CompanyId = Company,
                DisplayName = $"利用者 {n}", Role = PersonRole.Member, CreatedAt = at,
            });
            workflows.Tasks.Add(new WorkflowTask
            {
                InstanceId = instance, BookmarkId = Guid.CreateVersion7(), NodeId = "paging", Title = $"ページ作業 {n}", TitleEn = $"Paging task {n}",
                FormSchema = "{}", Role = TaskRoles.Csm, CompanyId = Company, DueAt = at.AddDays(60), Status = WorkflowTaskStatus.Open, CreatedAt = at,
            });
        }

        await core.SaveChangesAsync();
        await identity.SaveChangesAsync();
        await workflows.SaveChangesAsync();
    }
}
