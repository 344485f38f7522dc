using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Core.Tests.Catalogue;

public sealed class CatalogueTests(CoreDatabaseFixture database) : CoreServiceTest(database, CoreTestHost.Jst(2025, 6, 2))
{
    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task Catalogue_IsSeededWithTheSevenServicesOfTheSpecification()
    {
        string[] spec = ["COST-C", "COST-L", "ACCT-D", "SEC-C", "SEC-L", "TRAIN-1", "WEB-L"];
        var entries = (await TestHost.With<CatalogueService, IReadOnlyList<CatalogueEntry>>(s => s.ListAsync(includeWithdrawn: true)))
            .Where(e => spec.Contains(e.Id)).ToList();

        Assert.Equal(
            [("COST-C", 10, false), ("COST-L", 5, true), ("ACCT-D", 5, true), ("SEC-C", 10, false), ("SEC-L", 5, true), ("TRAIN-1", 2, false), ("WEB-L", 10, false)],
            entries.Take(7).Select(e => (e.Id, e.TicketCost, e.OneAwsAccountPerApplication)));
        Assert.Equal(
            [ServiceCategory.CostOptimisation, ServiceCategory.CostOptimisation, ServiceCategory.Security, ServiceCategory.Security, ServiceCategory.Security, ServiceCategory.Training, ServiceCategory.Security],
            entries.Take(7).Select(e => e.Category));
        var web = entries.Single(e => e.Id == "WEB-L");
        Assert.False(web.CustomerCancellable);
        Assert.NotNull(web.YearlyCapacity);
        Assert.Equal("AWSアカウント診断", entries.Single(e => e.Id == "ACCT-D").NameJa);
    }

    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task Admins_AddChangeLimitAndWithdrawServices_AsData()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Bronze, Staff);
        var added = new CatalogueEntry
        {
            Id = "TEST-" + Guid.NewGuid().ToString("N")[..6], NameJa = "テスト診断", NameEn = "Test diagnosis", Category = ServiceCategory.Security,
            TicketCost = 1, AllowedRanks = [Rank.Gold, Rank.Platinum], SortOrder = 900,
        };

        await TestHost.With<CatalogueService, CatalogueEntry>(s => s.SaveAsync(added, Staff));
        var byRank = await TestHost.With<CatalogueService, ServiceAvailability>(s => s.CheckAsync(company, added.Id));
        added.AllowedRanks = [];
        added.AllowedContractTypes = [ContractType.FixedPricePlan];
        await TestHost.With<CatalogueService, CatalogueEntry>(s => s.SaveAsync(added, Staff));
        var byContract = await TestHost.With<CatalogueService, ServiceAvailability>(s => s.CheckAsync(company, added.Id));
        added.AllowedContractTypes = [];
        await TestHost.With<CatalogueService, CatalogueEntry>(s => s.SaveAsync(added, Staff));
        var open = await TestHost.With<CatalogueService, ServiceAvailability>(s => s.CheckAsync(company, added.Id));
        await TestHost.RunAsync(sp => sp.Get<CatalogueService>().SetActiveAsync(added.Id, false, Staff));
        var withdrawn = await TestHost.With<CatalogueService, ServiceAvailability>(s => s.CheckAsync(company, added.Id));

        Assert.Equal(UnavailableReason.RankNotAllowed, byRank.Reason);
        Assert.Equal(UnavailableReason.ContractTypeNotAllowed, byContract.Reason);
        Assert.True(open.CanApply);
        Assert.Equal(UnavailableReason.Withdrawn, withdrawn.Reason);
        Assert.DoesNotContain(await TestHost.With<CatalogueService, IReadOnlyList<CatalogueEntry>>(s => s.ListAsync()), e => e.Id == added.Id);
        Assert.Equal(Staff, (await TestHost.With<CatalogueService, CatalogueEntry>(s => s.GetAsync(added.Id))).UpdatedBy);
        var cheap = await TestHost.With<CatalogueService, ServiceAvailability>(s => s.CheckAsync(company, "COST-L"));
        Assert.Equal((UnavailableReason.InsufficientTickets, 2), (cheap.Reason!.Value, cheap.Balance));
    }

    [Fact]
    [Trait("Spec", "ADV-2")]
    public async Task CheckAll_GivesEachServiceOnOffer_TheAnswerCheckGivesForIt()
    {
        var company = await TestHost.CreateEnrolledCompanyAsync(Rank.Silver, Staff);

        var all = await TestHost.With<CatalogueService, IReadOnlyList<ServiceAvailability>>(s => s.CheckAllAsync(company));

        var offered = await TestHost.With<CatalogueService, IReadOnlyList<CatalogueEntry>>(s => s.ListAsync());
        Assert.Equal(offered.Select(e => e.Id), all.Select(a => a.Entry.Id));
        foreach (var availability in all)
        {
            var one = await TestHost.With<CatalogueService, ServiceAvailability>(s => s.CheckAsync(company, availability.Entry.Id));
            Assert.Equal((one.Reason, one.Balance, one.CapacityLeft), (availability.Reason, availability.Balance, availability.CapacityLeft));
        }

        Assert.Contains(all, a => a.CanApply);
        Assert.Contains(all, a => a.Reason == UnavailableReason.InsufficientTickets);
    }

    [Fact]
    [Trait("Spec", "WEB-4")]
    public async Task YearlyCapacity_ClosesTheServiceForTheRestOfTheFiscalYear_WhenUsedUp()
    {
        var entry = new CatalogueEntry { Id = "CAP-" + Guid.NewGuid().ToString("N")[..6], NameJa = "上限付き", NameEn = "Capped", TicketCost = 2, YearlyCapacity = 2, SortOrder = 900 };
        await TestHost.With<CatalogueService, CatalogueEntry>(s => s.SaveAsync(entry, Staff));
        var a = await TestHost.CreateEnrolledCompanyAsync(Rank.Gold, Staff);
        var b = await TestHost.CreateEnrolledCompanyAsync(Rank.Gold, Staff);
        await TestHost.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(a, Guid.NewGuid(), 2, entry.Id, null)));
        var released = await TestHost.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(b, Guid.NewGuid(), 2, entry.Id, null)));
        await TestHost.With<TicketLedger, TicketReservation>(l => l.ReleaseAsync(released.Id, TicketReleaseCause.StartFailed, "失敗", null));
        var stillOpen = await TestHost.With<CatalogueService, ServiceAvailability>(s => s.CheckAsync(b, entry.Id));
        await TestHost.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(b, Guid.NewGuid(), 2, entry.Id, null)));

        var full = await TestHost.With<CatalogueService, ServiceAvailability>(s => s.CheckAsync(a, entry.Id));
        var refused = await Assert.ThrowsAsync<ServiceCapacityReachedException>(() =>
            TestHost.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(a, Guid.NewGuid(), 2, entry.Id, null))));
        TestHost.MoveTo(CoreTestHost.Jst(2026, 4, 1, 9, 0));
        var nextYear = await TestHost.With<CatalogueService, int>(s => s.CountUsedCapacityAsync(entry.Id, new FiscalYear(2026)));

        Assert.Equal(1, stillOpen.CapacityLeft);
        Assert.Equal((UnavailableReason.CapacityReached, 0), (full.Reason!.Value, full.CapacityLeft!.Value));
        Assert.Equal(0, nextYear);
        Assert.Equal(2, refused.Capacity);
        Assert.Equal(13, await TestHost.With<TicketLedger, int>(l => l.GetBalanceAsync(a, new FiscalYear(2025))));
    }

    [Fact]
    [Trait("Spec", "WEB-4")]
    public async Task ParallelApplications_OfDifferentCompanies_NeverExceedTheYearlyCapacity()
    {
        var entry = new CatalogueEntry { Id = "RACE-" + Guid.NewGuid().ToString("N")[..6], NameJa = "上限付き", NameEn = "Capped", TicketCost = 2, YearlyCapacity = 3, SortOrder = 900 };
        await TestHost.With<CatalogueService, CatalogueEntry>(s => s.SaveAsync(entry, Staff));
        var companies = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            companies.Add(await TestHost.CreateEnrolledCompanyAsync(Rank.Silver, Staff));
        }

        var results = await Task.WhenAll(companies.Select(company => Task.Run(async () =>
        {
            try
            {
                await TestHost.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(company, Guid.NewGuid(), 2, entry.Id, null)));
                return true;
            }
            catch (ServiceCapacityReachedException)
            {
                return false;
            }
        })));

        Assert.Equal(3, results.Count(ok => ok));
        Assert.Equal(3, await TestHost.With<CatalogueService, int>(s => s.CountUsedCapacityAsync(entry.Id, new FiscalYear(2025))));
    }
}
