using CloudpackPlus.Core.Applications;
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

/// <summary>INQ-1: inquiries by any company user, the conversation with the CSMs, routing, assignment, closing and redirects.</summary>
public sealed class InquiryServiceTests(CoreDatabaseFixture database) : CoreServiceTest(database, CoreTestHost.Jst(2026, 6, 2), PersonRole.Csm)
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj\n"u8.ToArray();

    [Fact]
    [Trait("Spec", "INQ-1")]
    public async Task Member_OpensAnInquiry_TheOwningCsmIsTold_TheReplyAssignsIt_AndStaffCloseIt()
    {
        var (company, member) = await CompanyWithMemberAsync();
        await TestHost.RunAsync(sp => sp.GetRequiredService<CompanyAdminService>().AssignCsmsAsync(company, Staff, null, Version(sp, company), Staff));

        var inquiry = await Service(s => s.OpenAsync(member, new NewInquiry(InquiryCategory.ProgrammeQuestion, "提案回数について", "今年度は何回ですか", [new UploadedFile("q.pdf", Pdf)])));

        Assert.Equal((InquiryStatus.Open, (Guid?)null), (inquiry.Status, inquiry.AssigneeId));
        Assert.StartsWith("Q-2026-", inquiry.Number, StringComparison.Ordinal);
        Assert.Equal([Staff], await RecipientsAsync(company, "inquiry"));
        var reply = await Service(s => s.PostAsync(inquiry.Id, Staff, true, "年4回です", []));
        Assert.Equal(Staff, (await GetAsync(inquiry.Id)).AssigneeId);
        Assert.Contains(member, await RecipientsAsync(company, "inquiry"));
        await Service(async s => { await s.CloseAsync(inquiry.Id, Staff); return 0; });

        var closed = await GetAsync(inquiry.Id);
        Assert.Equal(InquiryStatus.Closed, closed.Status);
        var lines = await TestHost.With<InquiryQueries, IReadOnlyList<ConversationLine>>(q => q.MessagesAsync(inquiry.Id));
        Assert.Equal(["今年度は何回ですか", "年4回です"], lines.Select(l => l.Body));
        Assert.Equal("q.pdf", Assert.Single(lines[0].Attachments).FileName);
        Assert.Equal(reply.Id, lines[1].Id);
        var after = await Assert.ThrowsAsync<ProgrammeRuleException>(() => Service(s => s.PostAsync(inquiry.Id, member, false, "追加の質問", [])));
        Assert.Equal("inquiry_closed", after.Code);
    }

    [Fact]
    [Trait("Spec", "INQ-1")]
    public async Task OutOfProgrammeCategories_AreAnsweredWithTheRedirectText_VersionedWhenStaffEditIt()
    {
        var (_, member) = await CompanyWithMemberAsync();
        var before = await Service(s => s.OpenAsync(member, new NewInquiry(InquiryCategory.Sales, "契約の更新", "", [])));
        var v1 = await TestHost.With<InquiryRedirects, InquiryRedirectText>(r => r.SaveAsync(InquiryCategory.Sales, "営業担当へ", "Ask sales", Staff));
        var after = await Service(s => s.OpenAsync(member, new NewInquiry(InquiryCategory.Sales, "見積", "", [])));

        Assert.Equal((InquiryStatus.Redirected, (int?)0), (before.Status, before.RedirectVersion));
        Assert.Equal((InquiryStatus.Redirected, (int?)1), (after.Status, after.RedirectVersion));
        // The first inquiry keeps the built-in text it was answered with, after the edit.
        Assert.Contains("sales@cloudpack.example.jp", (await TestHost.With<InquiryRedirects, InquiryRedirectText>(r => r.VersionAsync(InquiryCategory.Sales, 0))).TextJa, StringComparison.Ordinal);
        Assert.Equal("営業担当へ", (await TestHost.With<InquiryRedirects, InquiryRedirectText>(r => r.VersionAsync(InquiryCategory.Sales, 1))).TextJa);
        Assert.Equal(1, v1.Version);
        Assert.Equal(2, (await TestHost.With<InquiryRedirects, InquiryRedirectText>(r => r.SaveAsync(InquiryCategory.Sales, "v2", "v2", Staff))).Version);
        await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<InquiryRedirects, InquiryRedirectText>(r => r.SaveAsync(InquiryCategory.Quote, "x", "x", Staff)));
        await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<InquiryRedirects, InquiryRedirectText>(r => r.SaveAsync(InquiryCategory.Backlog, "", "x", Staff)));
        Assert.Equal(0, await TestHost.RunAsync(sp => sp.GetRequiredService<CoreDbContext>().Set<InquiryMessage>().CountAsync(m => m.InquiryId == before.Id)));
    }

    [Fact]
    [Trait("Spec", "INQ-1")]
    public async Task BadInput_IsRefused_AndNothingIsSaved()
    {
        var (company, member) = await CompanyWithMemberAsync();

        var noSubject = await Assert.ThrowsAsync<ProgrammeRuleException>(() => Service(s => s.OpenAsync(member, new NewInquiry(InquiryCategory.Other, " ", "本文", []))));
        var noBody = await Assert.ThrowsAsync<ProgrammeRuleException>(() => Service(s => s.OpenAsync(member, new NewInquiry(InquiryCategory.Other, "件名", " ", []))));
        var badFile = await Assert.ThrowsAsync<ProgrammeRuleException>(() => Service(s => s.OpenAsync(member, new NewInquiry(InquiryCategory.Other, "件名", "本文", [new UploadedFile("a.pdf", "MZ\0\0"u8.ToArray())]))));
        var staffOpening = await Assert.ThrowsAsync<ProgrammeRuleException>(() => Service(s => s.OpenAsync(Staff, new NewInquiry(InquiryCategory.Other, "件名", "本文", []))));

        Assert.Equal(["inquiry_subject", "message_empty", "attachment_content", "not_customer"], new[] { noSubject, noBody, badFile, staffOpening }.Select(e => e.Code));
        Assert.Equal(0, await TestHost.RunAsync(sp => sp.GetRequiredService<CoreDbContext>().Set<Inquiry>().CountAsync(i => i.CompanyId == company)));
    }

    [Fact]
    [Trait("Spec", "INQ-1")]
    public async Task Assign_TellsTheAssignee_AndTheInboxFiltersByAssigneeAndAge()
    {
        var (company, member) = await CompanyWithMemberAsync();
        var other = await TestHost.CreateStaffAsync(PersonRole.Csm);
        var older = await Service(s => s.OpenAsync(member, new NewInquiry(InquiryCategory.ServiceConsultation, "古い", "本文", [])));
        TestHost.MoveTo(CoreTestHost.Jst(2026, 6, 5));
        var newer = await Service(s => s.OpenAsync(member, new NewInquiry(InquiryCategory.Quote, "新しい", "本文", [])));

        await Service(s => s.AssignAsync(newer.Id, other, Staff));
        var notAStaff = await Assert.ThrowsAsync<ProgrammeRuleException>(() => Service(s => s.AssignAsync(newer.Id, member, Staff)));

        Assert.Equal("not_staff", notAStaff.Code);
        Assert.Contains(other, await RecipientsAsync(company, "inquiry"));
        var open = await TestHost.With<InquiryQueries, IReadOnlyList<InquiryRow>>(async q => (await q.InboxAsync(InquiryFilter.Open, Staff, null, pageSize: 1000)).Rows);
        Assert.Equal([older.Id, newer.Id], open.Where(r => r.Inquiry.Id == older.Id || r.Inquiry.Id == newer.Id).Select(r => r.Inquiry.Id));
        var mine = await TestHost.With<InquiryQueries, IReadOnlyList<InquiryRow>>(async q => (await q.InboxAsync(InquiryFilter.Mine, other, null)).Rows);
        Assert.Equal(newer.Id, Assert.Single(mine).Inquiry.Id);
        var quotes = await TestHost.With<InquiryQueries, IReadOnlyList<InquiryRow>>(async q => (await q.InboxAsync(InquiryFilter.Unassigned, Staff, InquiryCategory.Quote, pageSize: 1000)).Rows);
        Assert.DoesNotContain(quotes, r => r.Inquiry.Id == newer.Id);
    }

    private Task<T> Service<T>(Func<InquiryService, Task<T>> work) => TestHost.With(work);

    private Task<Inquiry> GetAsync(Guid id) => TestHost.RunAsync(sp => sp.GetRequiredService<CoreDbContext>().Set<Inquiry>().AsNoTracking().SingleAsync(i => i.Id == id));

    private Task<List<Guid>> RecipientsAsync(Guid company, string kind) =>
        TestHost.RunAsync(sp => sp.GetRequiredService<CoreDbContext>().Notifications.Where(n => n.CompanyId == company && n.Kind == kind).Select(n => n.RecipientId).Distinct().ToListAsync());

    private static uint Version(IServiceProvider sp, Guid company) =>
        sp.GetRequiredService<CoreDbContext>().Companies.AsNoTracking().Single(c => c.Id == company).RowVersion;

    private async Task<(Guid Company, Guid Member)> CompanyWithMemberAsync()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Silver, Staff);
        var member = await TestHost.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<CoreDbContext>();
            var person = new Person { CompanyId = company, Role = PersonRole.Member, Email = $"m{Guid.NewGuid():N}@example.jp", DisplayName = "メンバー", CreatedAt = CoreTestHost.Jst(2026, 6, 1) };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });
        return (company, member);
    }
}
