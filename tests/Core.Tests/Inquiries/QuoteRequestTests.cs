using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Core.Tests.Inquiries;

/// <summary>SCOPE-1: quote requests from an inquiry or a proposal, routed by the account's maintenance contract, with staff's outcome.</summary>
public sealed class QuoteRequestTests(CoreDatabaseFixture database) : CoreServiceTest(database, CoreTestHost.Jst(2026, 6, 2), PersonRole.Csm)
{
    [Fact]
    [Trait("Spec", "SCOPE-1")]
    public async Task QuoteFromAnInquiry_IsRecordedWithTiming_AndStaffRecordTheOutcomeWithANote()
    {
        var (company, member) = await CompanyWithMemberAsync();
        var inquiry = await TestHost.With<InquiryService, Inquiry>(s => s.OpenAsync(member, new NewInquiry(InquiryCategory.Quote, "構築", "見積をお願いします", [])));

        var request = await TestHost.With<QuoteRequestService, QuoteRequest>(s => s.RecordAsync(company, null, "ALBの追加構築", member, new QuoteOrigin("7月中", inquiry.Id)));
        Assert.Equal((QuoteOutcome.Pending, "7月中", inquiry.Id, QuoteRoute.SeparateQuote), (request.Outcome, request.DesiredTiming, request.InquiryId!.Value, request.Route));

        var noNote = await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<QuoteRequestService, QuoteOutcome>(s => s.RecordOutcomeAsync(request.Id, QuoteOutcome.Declined, " ", Staff)));
        var pending = await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<QuoteRequestService, QuoteOutcome>(s => s.RecordOutcomeAsync(request.Id, QuoteOutcome.Pending, "x", Staff)));
        var byCustomer = await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<QuoteRequestService, QuoteOutcome>(s => s.RecordOutcomeAsync(request.Id, QuoteOutcome.Quoted, null, member)));
        Assert.Equal(["quote_note", "quote_outcome", "not_staff"], new[] { noNote, pending, byCustomer }.Select(e => e.Code));
        Assert.Equal(QuoteOutcome.Pending, await TestHost.With<QuoteRequestService, QuoteOutcome>(s => s.RecordOutcomeAsync(request.Id, QuoteOutcome.HandedToMaintenance, "保守チームで対応", Staff)));

        var row = Assert.Single(await TestHost.With<QuoteRequestService, IReadOnlyList<QuoteRow>>(async s => (await s.RowsAsync(company, false)).Rows));
        Assert.Equal((QuoteOutcome.HandedToMaintenance, "保守チームで対応", (Guid?)Staff), (row.Request.Outcome, row.Request.OutcomeNote, row.Request.OutcomeBy));
        Assert.True(await TestHost.RunAsync(sp => sp.GetRequiredService<CoreDbContext>().Notifications.AnyAsync(n => n.RecipientId == member && n.Kind == "quote-outcome")));
        Assert.DoesNotContain(await TestHost.With<QuoteRequestService, IReadOnlyList<QuoteRow>>(async s => (await s.RowsAsync(null, true, pageSize: 10_000)).Rows), r => r.Request.Id == request.Id);
    }

    [Fact]
    [Trait("Spec", "SCOPE-1")]
    public async Task AnotherCompanysInquiry_OrBadInput_IsRefused_AndNothingIsSaved()
    {
        var (company, member) = await CompanyWithMemberAsync();
        var (other, otherMember) = await CompanyWithMemberAsync();
        var theirs = await TestHost.With<InquiryService, Inquiry>(s => s.OpenAsync(otherMember, new NewInquiry(InquiryCategory.Quote, "構築", "本文", [])));

        await Assert.ThrowsAsync<NotFoundException>(() => TestHost.With<QuoteRequestService, QuoteRequest>(s => s.RecordAsync(company, null, "作業", member, new QuoteOrigin(null, theirs.Id))));
        await Assert.ThrowsAsync<NotFoundException>(() => TestHost.With<QuoteRequestService, QuoteRequest>(s => s.RecordAsync(company, null, "作業", member, new QuoteOrigin(null, null, Guid.NewGuid()))));
        var tooLong = await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<QuoteRequestService, QuoteRequest>(s => s.RecordAsync(company, null, "作業", member, new QuoteOrigin(new string('x', 201)))));
        var empty = await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<QuoteRequestService, QuoteRequest>(s => s.RecordAsync(company, null, "  ", member, new QuoteOrigin())));

        Assert.Equal(["quote_timing", "quote_description"], new[] { tooLong, empty }.Select(e => e.Code));
        Assert.Equal(0, await TestHost.RunAsync(sp => sp.GetRequiredService<CoreDbContext>().QuoteRequests.CountAsync(q => q.CompanyId == company || q.CompanyId == other)));
    }

    private async Task<(Guid Company, Guid Member)> CompanyWithMemberAsync()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Silver, Staff);
        var member = await TestHost.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<CoreDbContext>();
            var person = new Person { CompanyId = company, Role = PersonRole.Member, Email = $"q{Guid.NewGuid():N}@example.jp", DisplayName = "メンバー", CreatedAt = CoreTestHost.Jst(2026, 6, 1) };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });
        return (company, member);
    }
}
