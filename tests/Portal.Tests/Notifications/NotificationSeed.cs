using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Notifications;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Notifications;

/// <summary>Notifications written straight into Core, as the workflow activities and the conversation do.</summary>
internal static class NotificationSeed
{
    public static async Task<Guid> PersonIdAsync(PortalAppFactory app, TestAccount account)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        return await identity.Users.IgnoreQueryFilters().Where(u => u.Id == account.UserId).Select(u => u.PersonId).SingleAsync();
    }

    public static async Task SetCultureAsync(PortalAppFactory app, TestAccount account, string culture)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        await identity.Users.IgnoreQueryFilters().Where(u => u.Id == account.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, culture));
    }

    public static async Task<Guid> AddAsync(
        PortalAppFactory app, Guid recipient, string titleJa, string titleEn, string bodyJa = "", string bodyEn = "", string? link = null, Guid? companyId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var notification = new Notification
        {
            RecipientId = recipient, CompanyId = companyId, Kind = "test", TitleJa = titleJa, TitleEn = titleEn,
            BodyJa = bodyJa, BodyEn = bodyEn, Link = link, CreatedAt = app.Clock.GetUtcNow(),
        };
        core.Notifications.Add(notification);
        await core.SaveChangesAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(1)); // distinct times: the page orders by them
        return notification.Id;
    }

    public static async Task<NotificationMailBatch> MailOnceAsync(PortalAppFactory app, int batchSize = NotificationMailer.BatchSize)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationMailer>().MailPendingAsync(batchSize);
    }

    public static Task<long> OutboxCountAsync(PortalAppFactory app, string to) =>
        app.Database.ScalarAsync<long>($"SELECT count(*) FROM identity.mail_outbox WHERE template = 'notification' AND to_address = '{to}'");
}
