using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Inquiries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Support;

/// <summary>An open inquiry of a company with one attachment, and a basic-service cycle row, for the pages' tests.</summary>
public static class InquirySeed
{
    public static async Task<(Guid Inquiry, Guid Attachment, Guid Cycle)> SeedAsync(PortalAppFactory app, Guid companyId, Guid memberId, Guid csmId)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var inquiry = await scope.ServiceProvider.GetRequiredService<InquiryService>().OpenAsync(memberId,
            new NewInquiry(InquiryCategory.ProgrammeQuestion, "質問", "本文", [new UploadedFile("memo.txt", "メモ"u8.ToArray())]));
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var attachment = await db.Set<InquiryAttachment>().Where(a => a.InquiryId == inquiry.Id).Select(a => a.Id).SingleAsync();
        // Its proposal and portal work report are delivered (REPORT-1 downloads).
        var cycle = new BasicServiceProposal
        {
            CompanyId = companyId, FiscalYear = 2026, Title = "テスト", StartedBy = csmId, StartedAt = DateTimeOffset.UtcNow,
            Proposal = "テスト", DeliveredAt = DateTimeOffset.UtcNow, WorkReport = "テスト", ReportedAt = DateTimeOffset.UtcNow,
        };
        db.BasicServiceProposals.Add(cycle);
        await db.SaveChangesAsync();
        return (inquiry.Id, attachment, cycle.Id);
    }
}
