using CloudpackPlus.Core.Csat;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Csat;

/// <summary>Issues the CSAT survey of an application the way completion does (for the pages' tests and the authorization world).</summary>
public static class CsatSeed
{
    public static async Task<Guid> IssueAsync(PortalAppFactory app, Guid applicationId, Guid? csm = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var application = await db.Applications.IgnoreQueryFilters().SingleAsync(a => a.Id == applicationId);
        application.CsmId ??= csm;
        var survey = await SurveyIssuer.IssueAsync(db, application, app.Clock.GetUtcNow(), CancellationToken.None)
            ?? throw new InvalidOperationException("The application already has a survey.");
        await db.SaveChangesAsync();
        return survey.Id;
    }
}
