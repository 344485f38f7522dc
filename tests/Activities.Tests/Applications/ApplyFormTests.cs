using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Terms;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows.Calendar;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.Applications;

/// <summary>A service defined as data (catalogue row + published workflow + apply form) applied for through the generic desk.</summary>
public sealed class ApplyFormTests(TrainingApplicationFixture fx) : IClassFixture<TrainingApplicationFixture>
{
    private const string Form = """
        { "fields": [
          { "name": "account", "type": "account", "required": true, "label": { "ja": "対象アカウント", "en": "Account" } },
          { "name": "actions", "type": "list", "minItems": 1, "maxItems": 15, "maxLength": 200, "label": { "ja": "診断対象のアクション", "en": "Actions" } },
          { "name": "start", "type": "date", "required": true, "minBusinessDaysAhead": 20, "label": { "ja": "希望開始日", "en": "Wished start" } },
          { "name": "terms", "type": "terms", "terms": "scan-terms-test", "label": { "ja": "利用規約", "en": "Terms" } }
        ] }
        """;

    private async Task<(EnrolledCompany Company, string Linked, DateOnly Earliest, int TermsVersion)> ServiceAsync(string serviceId)
    {
        var company = await fx.NewCompanyAsync();
        var linked = $"{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}";
        await using var scope = fx.Services.CreateAsyncScope();
        var catalogue = scope.ServiceProvider.GetRequiredService<CatalogueService>();
        await catalogue.SaveAsync(new CatalogueEntry
        {
            Id = serviceId, NameJa = "テスト診断", NameEn = "Test scan", Category = ServiceCategory.Security, TicketCost = 3,
            WorkflowDefinitionId = "sample-approval", ApplyForm = Form,
        }, company.CsmId);
        await scope.ServiceProvider.GetRequiredService<AwsAccountService>().LinkAsync(company.CompanyId, linked, true, "本番", company.CsmId);
        var terms = scope.ServiceProvider.GetRequiredService<TermsService>();
        var version = (await terms.LatestAsync("scan-terms-test"))?.Version
            ?? (await terms.PublishAsync("scan-terms-test", "規約", "Terms", "第1条…", "Article 1…", company.CsmId)).Version;
        var calendar = scope.ServiceProvider.GetRequiredService<IWorkflowCalendar>();
        var earliest = DateOnly.FromDateTime(Tokyo.ToTokyo(calendar.AddBusinessDays(fx.Clock.GetUtcNow(), 20)).Date);
        return (company, linked, earliest, version);
    }

    private static Dictionary<string, JsonElement> Data(string account, int actions, DateOnly start, object? terms) =>
        new Dictionary<string, object?>
        {
            ["account"] = account, ["actions"] = Enumerable.Range(1, actions).Select(i => $"/action/{i}").ToArray(),
            ["start"] = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["terms"] = terms,
        }.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => JsonSerializer.SerializeToElement(d.Value));

    private async Task<ApplyResult> ApplyAsync(EnrolledCompany company, string service, Dictionary<string, JsonElement> data)
    {
        await using var scope = fx.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().ApplyAsync(service, Guid.CreateVersion7(), data, company.RepresentativeId);
    }

    private async Task<IReadOnlyList<(string Field, string Code, string? Argument)>> RefusalAsync(EnrolledCompany company, string service, Dictionary<string, JsonElement> data)
    {
        var refused = await Assert.ThrowsAsync<FormRejectedException>(() => ApplyAsync(company, service, data));
        return refused.Errors.Select(e => (e.Field, e.Code, e.Argument)).ToList();
    }

    [Fact]
    [Trait("Spec", "ELIG-3")]
    public async Task Apply_IsRefused_ForAnAccountNotLinkedToTheCompany_WhateverThePageShowed()
    {
        var (company, linked, earliest, version) = await ServiceAsync("TEST-ELIG3");
        var other = await ServiceAsync("TEST-ELIG3B"); // another company's linked account

        Assert.Equal([("account", FormErrorCodes.Account, null)], await RefusalAsync(company, "TEST-ELIG3", Data("123456789012", 3, earliest, version)));
        Assert.Equal([("account", FormErrorCodes.Account, null)], await RefusalAsync(company, "TEST-ELIG3", Data(other.Linked, 3, earliest, version)));
        Assert.True((await ApplyAsync(company, "TEST-ELIG3", Data(linked, 3, earliest, version))).Created);
    }

    [Fact]
    [Trait("Spec", "WEB-1")]
    public async Task Apply_IsRefused_WithSixteenActions_AndAcceptsFifteen()
    {
        var (company, linked, earliest, version) = await ServiceAsync("TEST-WEB1");

        Assert.Equal([("actions", FormErrorCodes.MaxItems, "15")], await RefusalAsync(company, "TEST-WEB1", Data(linked, 16, earliest, version)));
        Assert.Equal(0, await fx.CoreAsync(db => db.Applications.CountAsync(a => a.CompanyId == company.CompanyId)));
        var applied = await ApplyAsync(company, "TEST-WEB1", Data(linked, 15, earliest, version));
        var details = JsonDocument.Parse((await fx.ApplicationAsync(applied.ApplicationId)).Details);
        Assert.Equal(15, details.RootElement.GetProperty("actions").GetArrayLength());
    }

    [Fact]
    [Trait("Spec", "WEB-5")]
    public async Task Apply_IsRefused_ForADateSoonerThanTwentyBusinessDays_AndAcceptsTheEarliest()
    {
        var (company, linked, earliest, version) = await ServiceAsync("TEST-WEB5");
        Assert.True(earliest.DayNumber - Tokyo.Today(fx.Clock).DayNumber >= 28, "20 business days are at least four weeks");

        var refusal = await RefusalAsync(company, "TEST-WEB5", Data(linked, 1, earliest.AddDays(-1), version));

        Assert.Equal([("start", FormErrorCodes.BusinessDaysAhead, earliest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))], refusal);
        Assert.True((await ApplyAsync(company, "TEST-WEB5", Data(linked, 1, earliest, version))).Created);
    }

    [Fact]
    [Trait("Spec", "WEB-2")]
    public async Task Apply_NeedsTheLatestTermsAccepted_AndRecordsTheAcceptedVersion()
    {
        var (company, linked, earliest, version) = await ServiceAsync("TEST-WEB2");

        Assert.Equal([("terms", FormErrorCodes.TermsNotAccepted, null)], await RefusalAsync(company, "TEST-WEB2", Data(linked, 1, earliest, null)));
        Assert.Equal([("terms", FormErrorCodes.TermsNotAccepted, null)], await RefusalAsync(company, "TEST-WEB2", Data(linked, 1, earliest, false)));
        Assert.Equal([("terms", FormErrorCodes.TermsChanged, $"{version}")], await RefusalAsync(company, "TEST-WEB2", Data(linked, 1, earliest, $"{version - 1}")));
        var applied = await ApplyAsync(company, "TEST-WEB2", Data(linked, 1, earliest, $"{version}"));

        var application = await fx.ApplicationAsync(applied.ApplicationId);
        Assert.Equal(("scan-terms-test", (int?)version), (application.TermsId, application.TermsVersion));
    }

    [Fact]
    [Trait("Spec", "APP-1")]
    [Trait("Spec", "TKT-3")]
    public async Task Apply_CommitsTheApplication_ItsAppliedEvent_AndTheWorkflowWithTheFormAsInput()
    {
        var (company, linked, earliest, version) = await ServiceAsync("TEST-APP1");
        var before = await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId);

        var applied = await ApplyAsync(company, "TEST-APP1", Data(linked, 2, earliest, version));

        Assert.Equal(before - 3, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
        var events = await fx.CoreAsync(db => ApplicationEvent.ListAsync(db, applied.ApplicationId));
        Assert.Equal([ApplicationEventCodes.Applied], events.Select(e => e.Code).ToList());
        Assert.Equal(company.RepresentativeId.ToString(), events[0].Actor);
        var application = await fx.ApplicationAsync(applied.ApplicationId);
        await using var scope = fx.Services.CreateAsyncScope();
        var instance = await scope.ServiceProvider.GetRequiredService<Workflows.Runtime.IWorkflowRuntime>().GetInstanceAsync(application.WorkflowInstanceId);
        Assert.Equal(linked, instance!.Variables["account"]);
        Assert.Equal(applied.ApplicationId.ToString(), instance.Variables["applicationId"]);
    }
}
