using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using Npgsql;

namespace CloudpackPlus.Core.Tests.Companies;

public sealed class AwsAccountTests(CoreDatabaseFixture database) : CoreServiceTest(database, CoreTestHost.Jst(2025, 6, 2))
{
    private static string NewAccountId() => Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [Trait("Spec", "ELIG-3")]
    [InlineData("12345678901")]
    [InlineData("1234567890123")]
    [InlineData("12345678901a")]
    [InlineData("")]
    public async Task Link_IsRefused_WhenTheIdIsNotTwelveDigits(string id)
    {
        var company = await TestHost.CreateCompanyAsync(null, ContractType.BillingAgency);

        var error = await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<AwsAccountService, AwsAccount>(s => s.LinkAsync(company, id, true, null, Staff)));

        Assert.Equal("aws_account_id", error.Code);
    }

    [Fact]
    [Trait("Spec", "ELIG-3")]
    public async Task Link_IsRefused_WhenTheProviderDoesNotHoldTheRootUser()
    {
        var company = await TestHost.CreateCompanyAsync(null, ContractType.BillingAgency);

        var error = await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<AwsAccountService, AwsAccount>(s => s.LinkAsync(company, NewAccountId(), false, null, Staff)));

        Assert.Contains("ルートユーザ", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => Database.ScalarAsync<int>(
            $"INSERT INTO core.aws_accounts (id, company_id, account_id, root_held_by_provider, under_maintenance_contract, linked_at) VALUES (gen_random_uuid(), '{company}', '{NewAccountId()}', false, false, now())"));
    }

    [Fact]
    [Trait("Spec", "ELIG-3")]
    public async Task Link_IsRefused_WhenTheAccountIsLinkedToAnotherCompany_KeepingLeadingZeros()
    {
        var a = await TestHost.CreateCompanyAsync(null, ContractType.BillingAgency);
        var b = await TestHost.CreateCompanyAsync(null, ContractType.BillingAgency);
        var linked = await TestHost.With<AwsAccountService, AwsAccount>(s => s.LinkAsync(a, "000123456789", true, "本番", Staff));

        var error = await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<AwsAccountService, AwsAccount>(s => s.LinkAsync(b, "000123456789", true, null, Staff)));

        Assert.Equal("000123456789", linked.AccountId);
        Assert.Contains("別の会社", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "BAS-4")]
    public async Task MaintenanceFlag_RequiresTheBacklogProjectKey()
    {
        var company = await TestHost.CreateCompanyAsync(null, ContractType.BillingAgency);
        var account = await TestHost.With<AwsAccountService, AwsAccount>(s => s.LinkAsync(company, NewAccountId(), true, null, Staff));

        await Assert.ThrowsAsync<ProgrammeRuleException>(() => TestHost.With<AwsAccountService, AwsAccount>(s => s.SetMaintenanceAsync(account.Id, true, null, Staff)));
        var updated = await TestHost.With<AwsAccountService, AwsAccount>(s => s.SetMaintenanceAsync(account.Id, true, "ACME_OPS", Staff));

        Assert.Equal((true, "ACME_OPS"), (updated.UnderMaintenanceContract, updated.BacklogProjectKey));
        var listed = await TestHost.With<AwsAccountService, IReadOnlyList<AwsAccount>>(s => s.ListAsync(company));
        Assert.Equal("ACME_OPS", Assert.Single(listed).BacklogProjectKey);
    }

    [Fact]
    [Trait("Spec", "SCOPE-1")]
    [Trait("Spec", "PRICE-1")]
    public async Task QuoteRequest_GoesToTheMaintenanceTeam_OnlyForAnAccountUnderMaintenance_ElseToASeparateQuote()
    {
        var company = await TestHost.CreateCompanyAsync(null, ContractType.BillingAgency);
        var maintained = await TestHost.With<AwsAccountService, AwsAccount>(s => s.LinkAsync(company, NewAccountId(), true, null, Staff));
        await TestHost.With<AwsAccountService, AwsAccount>(s => s.SetMaintenanceAsync(maintained.Id, true, "ACME_OPS", Staff));
        var other = await TestHost.With<AwsAccountService, AwsAccount>(s => s.LinkAsync(company, NewAccountId(), true, null, Staff));

        var inScope = await TestHost.With<QuoteRequestService, QuoteRequest>(s => s.RecordAsync(company, maintained.Id, "RI購入の設定作業", Staff));
        var outOfScope = await TestHost.With<QuoteRequestService, QuoteRequest>(s => s.RecordAsync(company, other.Id, "ALB構成変更", Staff));
        var noAccount = await TestHost.With<QuoteRequestService, QuoteRequest>(s => s.RecordAsync(company, null, "新規環境構築", Staff));

        Assert.Equal((QuoteRoute.MaintenanceContract, "ACME_OPS"), (inScope.Route, inScope.BacklogProjectKey));
        Assert.Equal(QuoteRoute.SeparateQuote, outOfScope.Route);
        Assert.Equal(QuoteRoute.SeparateQuote, noAccount.Route);
        Assert.Equal(3, (await TestHost.With<QuoteRequestService, IReadOnlyList<QuoteRequest>>(s => s.ListAsync(company))).Count);
    }
}
