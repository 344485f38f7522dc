using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Testing.Host;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.Applications;

/// <summary>TKT-5's exception: a service that may not be cancelled once applied (WEB-3) keeps its tickets when the customer tries.</summary>
public sealed class NonCancellableServiceTests(TrainingApplicationFixture fx) : IClassFixture<TrainingApplicationFixture>
{
    [Fact]
    [Trait("Spec", "TKT-5")]
    [Trait("Spec", "WEB-3")]
    public async Task Customer_CannotCancelTheScan_ButStaffCan_AndThenTheTicketsComeBack()
    {
        var company = await fx.NewCompanyAsync();
        await using (var scope = fx.Services.CreateAsyncScope())
        {
            // The scan's own workflow comes with its issue; any published workflow lets the rule be exercised now.
            var catalogue = scope.ServiceProvider.GetRequiredService<CatalogueService>();
            var scan = await catalogue.GetAsync("WEB-L");
            scan.WorkflowDefinitionId = "sample-approval";
            scan.ApplyForm = """{ "fields": [ { "name": "note", "type": "text", "maxLength": 100 } ] }""";
            await catalogue.SaveAsync(scan, company.CsmId);
        }

        var before = await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId);
        ApplyResult applied;
        await using (var scope = fx.Services.CreateAsyncScope())
        {
            applied = await scope.ServiceProvider.GetRequiredService<ApplicationDesk>().ApplyAsync(
                "WEB-L", Guid.CreateVersion7(), new Dictionary<string, System.Text.Json.JsonElement>(), company.RepresentativeId);
        }

        await Assert.ThrowsAsync<NotCancellableException>(() => fx.CancelAsync(applied.ApplicationId, company.RepresentativeId, "やめます"));
        Assert.Equal(before - 10, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
        Assert.Equal(ApplicationStatus.Submitted, (await fx.ApplicationAsync(applied.ApplicationId)).Status);

        await fx.CancelAsync(applied.ApplicationId, company.CsmId, "パートナーの受入不可のため");
        Assert.Equal(before, await ProgrammeSetup.BalanceAsync(fx.Services, company.CompanyId));
    }
}
