using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.BasicService;

/// <summary>SCOPE-1: records a request for out-of-scope work and routes it by the account's maintenance contract.</summary>
public sealed class QuoteRequestService(CoreDbContext db, TimeProvider clock)
{
    public async Task<QuoteRequest> RecordAsync(Guid companyId, Guid? awsAccountId, string description, Guid requestedBy, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            throw new ProgrammeRuleException("quote_description", "ご依頼内容を入力してください。", "Describe the work to quote.");
        }

        await db.RequireCompanyAsync(companyId, cancellationToken);
        string? backlog = null;
        if (awsAccountId is { } accountId)
        {
            var account = await db.AwsAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId && a.CompanyId == companyId, cancellationToken)
                ?? throw new NotFoundException("AWSアカウント", accountId);
            backlog = account.UnderMaintenanceContract ? account.BacklogProjectKey : null;
        }

        var request = new QuoteRequest
        {
            CompanyId = companyId, AwsAccountId = awsAccountId, Description = description.Trim(),
            Route = backlog is null ? QuoteRoute.SeparateQuote : QuoteRoute.MaintenanceContract, BacklogProjectKey = backlog,
            RequestedBy = requestedBy, RequestedAt = clock.GetUtcNow(),
        };
        db.QuoteRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    public async Task<IReadOnlyList<QuoteRequest>> ListAsync(Guid companyId, CancellationToken cancellationToken = default) =>
        await db.QuoteRequests.AsNoTracking().Where(q => q.CompanyId == companyId).OrderByDescending(q => q.RequestedAt).ToListAsync(cancellationToken);
}
