using System.Globalization;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.Consulting;
using CloudpackPlus.Activities.Tests.Support;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Testing;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using static CloudpackPlus.Activities.Tests.Applications.TrainingApplicationFixture;

namespace CloudpackPlus.Activities.Tests.Consulting;

/// <summary>COST-C (cost-c.json) and SEC-C (sec-c.json) end to end on the simulated AWS, through the services the pages call.</summary>
public sealed class ConsultingWorkflowTests(LiteServicesFixture fx) : IClassFixture<LiteServicesFixture>
{
    private static readonly TimeSpan Patience = ConsultingFlow.Patience;

    [Fact]
    [Trait("Spec", "COST-C")]
    [Trait("Spec", "TKT-5")]
    [Trait("Spec", "HOURS-1")]
    public async Task CostC_WithReadAccess_RunsScopingInvestigationReportMeetingAndProposal_ThenSpendsTenTickets()
    {
        var company = await fx.NewCompanyAsync();
        var account = await fx.LinkedAccountAsync(company);
        var before = await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId);
        var applied = await ConsultingFlow.ApplyAsync(fx, "COST-C", company);

        var (startsAt, scheduled) = await ConsultingFlow.ScheduleAsync(fx, company, applied.ApplicationId, "scoping", minutes: 120);
        Assert.Equal(TaskCommandOutcome.Succeeded, scheduled.Outcome);
        var application = await fx.ApplicationAsync(applied.ApplicationId);
        Assert.Equal((ApplicationStatus.Scheduled, startsAt), (application.Status, application.ScheduledAt!.Value));

        // The invite went to the customer (representative) and to the CSM, each e-mail with the same .ics.
        var invites = await ConsultingFlow.NotificationsAsync(fx, applied.ApplicationId, "meeting-scoping");
        Assert.Contains(invites, n => n.RecipientId == company.RepresentativeId);
        Assert.Contains(invites, n => n.RecipientId == company.CsmId);
        var attachment = Assert.Single(MailAttachment.FromJson(invites[0].Attachments));
        Assert.Equal(IcsCalendar.ContentType, attachment.ContentType);
        var ics = IcsReader.Parse(attachment.Content);
        Assert.Equal("REQUEST", IcsReader.Value(ics, "METHOD"));
        Assert.Equal($"{applied.ApplicationId:N}-scoping@cloudpackplus", IcsReader.Value(ics, "UID"));
        Assert.Equal(startsAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), IcsReader.Value(ics, "DTSTART"));
        Assert.Equal(startsAt.AddHours(2).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), IcsReader.Value(ics, "DTEND"));
        Assert.Equal("https://meet.example.jp/consult?id=1,2", IcsReader.Value(ics, "URL"));
        Assert.Equal("https://meet.example.jp/consult?id=1,2", IcsReader.Value(ics, "LOCATION"));
        Assert.Contains(ics, l => l.Name == "ATTENDEE" && l.Value.StartsWith("mailto:", StringComparison.Ordinal) && l.Parameters["RSVP"] == "TRUE");
        Assert.All(invites, n => Assert.Equal(invites[0].Attachments, n.Attachments));

        // The company's read-only role works: straight on to the investigation, no task for the customer.
        var investigate = await fx.UntilAsync(() => fx.OpenTaskAsync(applied.ApplicationId, "investigate"), Patience);
        Assert.Null(await fx.OpenTaskAsync(applied.ApplicationId, "grant-access"));
        Assert.Contains(account.AccountId, investigate.Prefill ?? "", StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.InProgress, (await fx.ApplicationAsync(applied.ApplicationId)).Status);
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(investigate.Id, Csm(company), new { findings = "未使用のEBSが12本" })).Outcome);

        Assert.Equal(TaskCommandOutcome.Succeeded, (await ConsultingFlow.ScheduleAsync(fx, company, applied.ApplicationId, "report-meeting", minutes: 60)).Result.Outcome);
        Assert.NotEmpty(await ConsultingFlow.NotificationsAsync(fx, applied.ApplicationId, "meeting-report"));

        var pdf = CloudpackPlus.Core.Demo.DemoPdf.WithText("COST-C proposal for the customer");
        Assert.Equal(TaskCommandOutcome.Succeeded, (await ConsultingFlow.UploadProposalAsync(fx, company, applied.ApplicationId, pdf, "提案書.pdf", recommendsBuild: true)).Outcome);

        application = await fx.ApplicationAsync(applied.ApplicationId);
        Assert.Equal(ApplicationStatus.Completed, application.Status);
        Assert.Equal(before - 10, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
        var report = await fx.CoreAsync(db => db.Reports.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.ApplicationId == applied.ApplicationId));
        Assert.Equal(("COST-C", "ja-JP"), (report.ServiceId, report.Culture));
        Assert.Equal(pdf, report.Pdf);
        Assert.True(await fx.CoreAsync(db => ProposalEvents.RecommendsBuildAsync(db, applied.ApplicationId)));
    }

    [Fact]
    [Trait("Spec", "SEC-C")]
    [Trait("Spec", "TOOL-1")]
    public async Task SecC_WithoutReadAccess_AsksTheCustomerForTheRole_AndInvestigatesOnceItWorks()
    {
        var company = await fx.NewCompanyAsync();
        var account = await ConsultingFlow.AccountWithoutRoleAsync(fx, company, 219_000_000_000 + Random.Shared.Next(1, 999_999));
        var applied = await ConsultingFlow.ApplyAsync(fx, "SEC-C", company);
        await ConsultingFlow.ScheduleAsync(fx, company, applied.ApplicationId, "scoping", minutes: 60);

        var grant = await fx.UntilAsync(() => fx.OpenTaskAsync(applied.ApplicationId, "grant-access"), Patience);
        Assert.Equal(TaskRoles.CustomerRepresentative, grant.Role);
        Assert.Contains($"/Applications/{applied.ApplicationId}/ReadOnlyRole?handler=QuickCreate", grant.FormSchema, StringComparison.Ordinal);
        Assert.DoesNotContain("param_ExternalId=", grant.FormSchema, StringComparison.Ordinal); // built when opened (issue #17)
        Assert.Contains($"/Applications/{applied.ApplicationId}/ReadOnlyRole", grant.FormSchema, StringComparison.Ordinal);
        Assert.Null(await fx.OpenTaskAsync(applied.ApplicationId, "investigate"));
        Assert.NotEmpty(await ConsultingFlow.NotificationsAsync(fx, applied.ApplicationId, "role-trust-requested"));

        // The CSM cannot tick the customer's box; an unticked box is refused.
        Assert.NotEqual(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(grant.Id, Csm(company), new { created = true })).Outcome);
        Assert.Equal(TaskCommandOutcome.Invalid, (await fx.CompleteAsync(grant.Id, Representative(company), new { created = false })).Outcome);

        // The customer created the stack (the simulated AWS creates the role on first use, with the company's external id).
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(grant.Id, Representative(company), new { created = true })).Outcome);
        var investigate = await fx.UntilAsync(() => fx.OpenTaskAsync(applied.ApplicationId, "investigate"), Patience);
        Assert.Contains(account, investigate.Prefill ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Spec", "HOURS-1")]
    [InlineData(18, 60)] // ends 19:00: fits
    [InlineData(18, 90)] // ends 19:30: outside business hours
    [InlineData(9, 60)] // starts before 10:00
    [InlineData(14, 180)] // longer than 2 h
    [InlineData(14, 30)] // shorter than 1 h
    public async Task ScopingSlot_MustBeOneToTwoHours_WithinBusinessHours(int hour, int minutes)
    {
        var company = await fx.NewCompanyAsync();
        await fx.LinkedAccountAsync(company);
        var applied = await ConsultingFlow.ApplyAsync(fx, "COST-C", company);
        var (_, result) = await ConsultingFlow.ScheduleAsync(fx, company, applied.ApplicationId, "scoping", minutes, hour);
        var fits = hour * 60 + minutes <= 19 * 60 && hour >= 10 && minutes is >= 60 and <= 120;
        Assert.Equal(fits ? TaskCommandOutcome.Succeeded : TaskCommandOutcome.Invalid, result.Outcome);
        if (!fits)
        {
            Assert.Contains(result.FormErrors, e => e.Code is FormErrorCodes.BusinessHours or FormErrorCodes.Min or FormErrorCodes.Max);
            Assert.Equal(ApplicationStatus.Submitted, (await fx.ApplicationAsync(applied.ApplicationId)).Status);
        }
    }

    [Fact]
    [Trait("Spec", "PRICE-1")]
    public async Task TheApplication_MustAcknowledgeThatAwsChargesAreTheCustomers()
    {
        var company = await fx.NewCompanyAsync();
        var refused = await Assert.ThrowsAsync<FormRejectedException>(() => ConsultingFlow.ApplyAsync(fx, "SEC-C", company, acceptCharges: false));
        Assert.Contains(refused.Errors, e => e.Field == "awsCharges" && e.Code == FormErrorCodes.Required);
    }

    [Fact]
    [Trait("Spec", "COST-C")]
    public async Task AProposalThatIsNotAPdf_IsAskedForAgain_AndNoBuildWorkMeansNoQuoteLink()
    {
        var company = await fx.NewCompanyAsync();
        await fx.LinkedAccountAsync(company);
        var applied = await ConsultingFlow.ApplyAsync(fx, "COST-C", company);
        await ConsultingFlow.ScheduleAsync(fx, company, applied.ApplicationId, "scoping");
        var investigate = await fx.UntilAsync(() => fx.OpenTaskAsync(applied.ApplicationId, "investigate"), Patience);
        await fx.CompleteAsync(investigate.Id, Csm(company), new { findings = "特になし" });
        await ConsultingFlow.ScheduleAsync(fx, company, applied.ApplicationId, "report-meeting");

        var text = "提案\n"u8.ToArray();
        Assert.Equal(TaskCommandOutcome.Succeeded, (await ConsultingFlow.UploadProposalAsync(fx, company, applied.ApplicationId, text, "proposal.txt", recommendsBuild: false)).Outcome);
        await fx.UntilAsync(() => fx.OpenTaskAsync(applied.ApplicationId, "proposal"), Patience); // asked again
        Assert.NotEmpty(await ConsultingFlow.NotificationsAsync(fx, applied.ApplicationId, "proposal-not-pdf"));
        Assert.Equal(ApplicationStatus.InProgress, (await fx.ApplicationAsync(applied.ApplicationId)).Status);

        var pdf = CloudpackPlus.Core.Demo.DemoPdf.WithText("Proposal without build work");
        Assert.Equal(TaskCommandOutcome.Succeeded, (await ConsultingFlow.UploadProposalAsync(fx, company, applied.ApplicationId, pdf, "proposal.pdf", recommendsBuild: false)).Outcome);
        Assert.Equal(ApplicationStatus.Completed, (await fx.ApplicationAsync(applied.ApplicationId)).Status);
        Assert.False(await fx.CoreAsync(db => ProposalEvents.RecommendsBuildAsync(db, applied.ApplicationId)));
    }
}
