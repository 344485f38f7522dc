using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.Tests.Applications;
using CloudpackPlus.Activities.WebScan;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Terms;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.WebScan;

/// <summary>Drives WEB-L through the services the pages use: terms, hearing sheets, partner engineers, checklist ticks.</summary>
internal static class WebScanSetup
{
    /// <summary>The fixture's clock is 2026-05-11 (Mon); 20 business days later is Mon 2026-06-08 (WEB-5).</summary>
    public const string Earliest = "2026-06-08";

    /// <summary>Publishes the terms of use and the service specification once per database; returns their latest versions.</summary>
    public static async Task<(int Terms, int Spec)> TermsAsync(TrainingApplicationFixture fx, Guid staffId)
    {
        await using var scope = fx.Services.CreateAsyncScope();
        var terms = scope.ServiceProvider.GetRequiredService<TermsService>();
        var use = await terms.LatestAsync("kdsec-scan-terms")
            ?? await terms.PublishAsync("kdsec-scan-terms", "Web脆弱性診断 利用規約", "Scan terms of use", "第1条 …", "Article 1 …", staffId);
        var spec = await terms.LatestAsync("kdsec-scan-spec")
            ?? await terms.PublishAsync("kdsec-scan-spec", "Web脆弱性診断 サービス仕様書", "Scan specification", "診断は最大15アクション", "At most 15 actions", staffId);
        return (use.Version, spec.Version);
    }

    /// <summary>A valid hearing sheet; <paramref name="change"/> edits it (remove a key, replace a value).</summary>
    public static Dictionary<string, JsonElement> Sheet((int Terms, int Spec) versions, Action<Dictionary<string, object?>>? change = null)
    {
        var sheet = new Dictionary<string, object?>
        {
            ["targets"] = new[] { "https://shop.example.co.jp/", "https://203.0.114.10/login" },
            ["environment"] = "staging",
            ["period1From"] = Earliest, ["period1To"] = "2026-06-12",
            ["period2From"] = "2026-06-15", ["period2To"] = "2026-06-19",
            ["actions"] = Enumerable.Range(1, 15).Select(i => $"アクション{i}").ToArray(),
            ["contactName"] = "山田 太郎", ["contactPhone"] = "03-1234-5678", ["contactEmail"] = "yamada@shop.example.co.jp",
            ["termsOfUse"] = versions.Terms, ["specification"] = versions.Spec,
        };
        change?.Invoke(sheet);
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(sheet))!;
    }

    public static async Task<ApplyResult> ApplyAsync(TrainingApplicationFixture fx, EnrolledCompany company, Dictionary<string, JsonElement> sheet, Guid? submission = null)
    {
        await using var scope = fx.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().ApplyAsync("WEB-L", submission ?? Guid.CreateVersion7(), sheet, company.RepresentativeId);
    }

    /// <summary>The refusals of an application that must fail.</summary>
    public static async Task<IReadOnlyList<FormError>> RefusalsAsync(TrainingApplicationFixture fx, EnrolledCompany company, Dictionary<string, JsonElement> sheet) =>
        (await Assert.ThrowsAsync<FormRejectedException>(() => ApplyAsync(fx, company, sheet))).Errors;

    /// <summary>A partner engineer (no company).</summary>
    public static async Task<(Guid Id, string Email)> PartnerAsync(TrainingApplicationFixture fx, string name)
    {
        await using var scope = fx.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var partner = new Person { Email = $"{name}-{Guid.NewGuid():N}@kdsec.example.jp", DisplayName = $"KDSec {name}", Role = PersonRole.Partner, CreatedAt = fx.Clock.GetUtcNow() };
        db.People.Add(partner);
        await db.SaveChangesAsync();
        return (partner.Id, partner.Email);
    }

    public static async Task<T> WithAsync<T>(TrainingApplicationFixture fx, Func<IServiceProvider, Task<T>> call)
    {
        await using var scope = fx.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider);
    }

    /// <summary>Ticks a checklist item by key as a company user.</summary>
    public static async Task<ChecklistOutcome> TickAsync(TrainingApplicationFixture fx, Guid applicationId, string key, Guid personId)
    {
        var item = await fx.CoreAsync(db => db.ChecklistItems.IgnoreQueryFilters().AsNoTracking().SingleAsync(i => i.ApplicationId == applicationId && i.Key == key));
        return await WithAsync(fx, sp => sp.GetRequiredService<ChecklistDesk>().TickAsync(applicationId, item.Id, personId));
    }

    /// <summary>Runs the application from triage to an open checklist (partner assigned, dates agreed and accepted).</summary>
    public static async Task ToChecklistAsync(TrainingApplicationFixture fx, EnrolledCompany company, Guid applicationId, string partnerEmail)
    {
        var triage = (await fx.OpenTaskAsync(applicationId, "triage"))!;
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(triage.Id, TrainingApplicationFixture.Csm(company), new { partnerEmail, note = "OK" })).Outcome);
        var agree = (await fx.OpenTaskAsync(applicationId, "agree"))!;
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(agree.Id, TrainingApplicationFixture.Csm(company), new { scanFrom = Earliest, scanTo = "2026-06-10" })).Outcome);
        var confirm = (await fx.OpenTaskAsync(applicationId, "confirm"))!;
        Assert.Equal(TaskCommandOutcome.Succeeded, (await fx.CompleteAsync(confirm.Id, TrainingApplicationFixture.Representative(company), new { decision = "accept" })).Outcome);
    }
}
