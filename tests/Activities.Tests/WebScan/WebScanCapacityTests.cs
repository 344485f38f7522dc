using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.Tests.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Testing.Host;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.WebScan;

/// <summary>WEB-4: the partner's yearly capacity; the last slot goes to exactly one of two concurrent applications.</summary>
public sealed class WebScanCapacityTests(TrainingApplicationFixture fx) : IClassFixture<TrainingApplicationFixture>
{
    [Fact]
    [Trait("Spec", "WEB-4")]
    public async Task TheLastSlot_RacedForByTwoCompanies_LetsExactlyOneIn_ThenTheServiceIsClosedForTheYear()
    {
        var first = await fx.NewCompanyAsync();
        var second = await fx.NewCompanyAsync();
        var versions = await WebScanSetup.TermsAsync(fx, first.CsmId);
        await WebScanSetup.WithAsync(fx, async sp =>
        {
            var catalogue = sp.GetRequiredService<CatalogueService>();
            var entry = await catalogue.GetAsync("WEB-L");
            entry.YearlyCapacity = await catalogue.CountUsedCapacityAsync("WEB-L", FiscalYear.Current(fx.Clock)) + 1;
            await catalogue.SaveAsync(entry, first.CsmId);
            return 0;
        });

        var results = await Task.WhenAll(new[] { first, second }.Select(async company =>
        {
            try
            {
                await WebScanSetup.ApplyAsync(fx, company, WebScanSetup.Sheet(versions));
                return "applied";
            }
            catch (ProgrammeRuleException e)
            {
                return e.GetType().Name;
            }
        }));

        Assert.Single(results, r => r == "applied");
        Assert.Single(results, r => r == nameof(Core.Tickets.ServiceCapacityReachedException));
        var availability = await WebScanSetup.WithAsync(fx, sp => sp.GetRequiredService<CatalogueService>().CheckAsync(second.CompanyId, "WEB-L"));
        Assert.Equal(UnavailableReason.CapacityReached, availability.Reason);
        Assert.StartsWith("受付終了(今年度)", ApplyRefusals.Japanese(availability, UnavailableReason.CapacityReached), StringComparison.Ordinal);
    }
}
