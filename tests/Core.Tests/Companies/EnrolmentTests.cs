using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Core.Tests.Companies;

public sealed class EnrolmentTests(CoreDatabaseFixture database) : CoreServiceTest(database, CoreTestHost.Jst(2025, 6, 2))
{
    [Theory]
    [Trait("Spec", "ELIG-1")]
    [InlineData(ContractType.BillingAgency)]
    [InlineData(ContractType.BillingAgencyAdvanced)]
    [InlineData(ContractType.FixedPricePlan)]
    public async Task Enrol_Succeeds_WithAQualifyingContract(ContractType type)
    {
        var company = await TestHost.CreateCompanyAsync(null, type, ContractType.Cdn);

        var eligibility = await TestHost.With<EnrolmentService, EligibilityResult>(s => s.CheckEligibilityAsync(company));
        await TestHost.With<EnrolmentService, RankAssignment>(s => s.EnrolAsync(company, null, null, Staff));

        Assert.True(eligibility.IsEligible);
        var status = await TestHost.RunAsync(sp => Task.FromResult(sp.GetCompany(company).Status));
        Assert.Equal(CompanyStatus.Active, status);
    }

    [Fact]
    [Trait("Spec", "ELIG-1")]
    public async Task Enrol_IsRefused_WithoutAnyContract()
    {
        var company = await TestHost.CreateCompanyAsync();

        var error = await Assert.ThrowsAsync<EnrolmentRefusedException>(() => TestHost.With<EnrolmentService, RankAssignment>(s => s.EnrolAsync(company, null, null, Staff)));

        Assert.Equal([EligibilityIssue.NoQualifyingContract], error.Issues);
        Assert.Contains("AWS請求代行サービス", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "ELIG-1")]
    public async Task Enrol_IsRefused_WhenTheQualifyingContractHasEnded()
    {
        var company = await TestHost.CreateCompanyAsync();
        await TestHost.With<EnrolmentService, Contract>(s => s.RecordContractAsync(company, ContractType.BillingAgency, new DateOnly(2023, 4, 1), new DateOnly(2025, 5, 31), Staff));

        var result = await TestHost.With<EnrolmentService, EligibilityResult>(s => s.CheckEligibilityAsync(company));

        Assert.Equal([EligibilityIssue.NoQualifyingContract], result.Issues);
    }

    [Theory]
    [Trait("Spec", "ELIG-2")]
    [InlineData(ContractType.DedicatedConnection)]
    [InlineData(ContractType.Cdn)]
    public async Task Enrol_IsRefused_WhenOnlyDedicatedConnectionOrCdnPlans(ContractType type)
    {
        var company = await TestHost.CreateCompanyAsync(null, type, ContractType.DedicatedConnection);

        var error = await Assert.ThrowsAsync<EnrolmentRefusedException>(() => TestHost.With<EnrolmentService, RankAssignment>(s => s.EnrolAsync(company, null, null, Staff)));

        Assert.Equal([EligibilityIssue.OnlyExcludedPlans], error.Issues);
        Assert.Contains("専用接続プラン・CDN専用プラン", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "ELIG-2")]
    public async Task Enrol_IsRefused_WithEveryReason_ForPublicBodyAlliancePartnerOrThirdPartyCustomer()
    {
        var company = await TestHost.CreateCompanyAsync(c =>
        {
            c.IsPublicBody = true;
            c.IsAlliancePartner = true;
            c.IsServedThroughThirdParty = true;
        }, ContractType.BillingAgency);

        var error = await Assert.ThrowsAsync<EnrolmentRefusedException>(() => TestHost.With<EnrolmentService, RankAssignment>(s => s.EnrolAsync(company, null, null, Staff)));

        Assert.Equal([EligibilityIssue.PublicBody, EligibilityIssue.AlliancePartner, EligibilityIssue.ServedThroughThirdParty], error.Issues);
        Assert.Contains("公的機関", error.Message, StringComparison.Ordinal);
        Assert.Contains("業務提携", error.Message, StringComparison.Ordinal);
        Assert.Contains("第三者経由", error.Message, StringComparison.Ordinal);
        Assert.Equal(CompanyStatus.NotEnrolled, await TestHost.RunAsync(sp => Task.FromResult(sp.GetCompany(company).Status)));
    }

    [Fact]
    [Trait("Spec", "ELIG-4")]
    public async Task Company_IsSuspended_WhenItsLastQualifyingContractEnds_AndKeepsItsHistory()
    {
        var company = await TestHost.CreateCompanyAsync();
        var agency = await TestHost.With<EnrolmentService, Contract>(s => s.RecordContractAsync(company, ContractType.BillingAgency, new DateOnly(2024, 4, 1), null, Staff));
        var fixedPlan = await TestHost.With<EnrolmentService, Contract>(s => s.RecordContractAsync(company, ContractType.FixedPricePlan, new DateOnly(2024, 4, 1), null, Staff));
        await TestHost.With<EnrolmentService, RankAssignment>(s => s.EnrolAsync(company, Rank.Gold, null, Staff));
        await TestHost.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(company, Guid.NewGuid(), 2, "TRAIN-1", null)));

        await TestHost.RunAsync(sp => sp.Get<EnrolmentService>().EndContractAsync(agency.Id, new DateOnly(2025, 6, 30), Staff));
        TestHost.MoveTo(CoreTestHost.Jst(2025, 7, 1, 0, 1));
        var sweptWhileOneRemains = await TestHost.With<EnrolmentService, IReadOnlyList<Guid>>(s => s.SuspendLapsedCompaniesAsync());
        await TestHost.RunAsync(sp => sp.Get<EnrolmentService>().EndContractAsync(fixedPlan.Id, new DateOnly(2025, 7, 31), Staff));
        TestHost.MoveTo(CoreTestHost.Jst(2025, 8, 1, 0, 1));
        var swept = await TestHost.With<EnrolmentService, IReadOnlyList<Guid>>(s => s.SuspendLapsedCompaniesAsync());

        Assert.DoesNotContain(company, sweptWhileOneRemains);
        Assert.Contains(company, swept);
        Assert.Equal(CompanyStatus.Suspended, await TestHost.RunAsync(sp => Task.FromResult(sp.GetCompany(company).Status)));
        var history = await TestHost.With<TicketLedger, IReadOnlyList<TicketHistoryLine>>(l => l.GetHistoryAsync(company, new FiscalYear(2025)));
        Assert.Equal([TicketEntryKind.Grant, TicketEntryKind.Spend], history.Select(h => h.Kind));
        var error = await Assert.ThrowsAsync<CompanyNotActiveException>(() => TestHost.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(company, Guid.NewGuid(), 2, "TRAIN-1", null))));
        Assert.Equal(CompanyStatus.Suspended, error.Status);
    }

    [Fact]
    [Trait("Spec", "ELIG-4")]
    public async Task SuspendedCompany_IsReinstated_ByEnrollingAgainWithANewContract_WithoutASecondGrant()
    {
        var company = await TestHost.CreateCompanyAsync();
        var agency = await TestHost.With<EnrolmentService, Contract>(s => s.RecordContractAsync(company, ContractType.BillingAgency, new DateOnly(2024, 4, 1), null, Staff));
        await TestHost.With<EnrolmentService, RankAssignment>(s => s.EnrolAsync(company, Rank.Silver, null, Staff));
        await TestHost.RunAsync(sp => sp.Get<EnrolmentService>().EndContractAsync(agency.Id, new DateOnly(2025, 5, 31), Staff));
        Assert.Equal(CompanyStatus.Suspended, await TestHost.RunAsync(sp => Task.FromResult(sp.GetCompany(company).Status)));

        await TestHost.With<EnrolmentService, Contract>(s => s.RecordContractAsync(company, ContractType.FixedPricePlan, new DateOnly(2025, 6, 1), null, Staff));
        await TestHost.With<EnrolmentService, RankAssignment>(s => s.EnrolAsync(company, null, null, Staff));

        Assert.Equal(CompanyStatus.Active, await TestHost.RunAsync(sp => Task.FromResult(sp.GetCompany(company).Status)));
        Assert.Equal(5, await TestHost.With<TicketLedger, int>(l => l.GetBalanceAsync(company)));
    }
}
