using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Testing.Host;

/// <summary>The people of an enrolled test company, and a CSM.</summary>
public sealed record EnrolledCompany(Guid CompanyId, Guid RepresentativeId, Guid MemberId, Guid CsmId);

/// <summary>Sets up programme data through the real Core services (contract, enrolment, ticket grant).</summary>
public static class ProgrammeSetup
{
    /// <summary>A company with a billing-agency contract, enrolled at <paramref name="rank"/> (its tickets granted), with a representative, a member and a CSM.</summary>
    public static async Task<EnrolledCompany> EnrolledCompanyAsync(IServiceProvider services, TimeProvider clock, string code, Rank rank = Rank.Gold)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clock);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var now = clock.GetUtcNow();
        var company = new Company { Code = code, Name = $"テスト会社 {code}", CreatedAt = now };
        db.Companies.Add(company);
        var representative = Person(company.Id, PersonRole.Representative, $"rep@{code}.example.jp", $"代表 {code}", now);
        var member = Person(company.Id, PersonRole.Member, $"member@{code}.example.jp", $"メンバー {code}", now);
        var csm = Person(null, PersonRole.Csm, $"csm-{code}@cloudpack.example.jp", $"CSM {code}", now);
        db.People.AddRange(representative, member, csm);
        await db.SaveChangesAsync();
        await EnrolAsync(services, clock, company.Id, csm.Id, rank);
        return new EnrolledCompany(company.Id, representative.Id, member.Id, csm.Id);
    }

    /// <summary>Gives an existing company a billing-agency contract since last fiscal year and enrols it at <paramref name="rank"/>, as <paramref name="staffId"/>.</summary>
    public static async Task EnrolAsync(IServiceProvider services, TimeProvider clock, Guid companyId, Guid staffId, Rank rank = Rank.Gold)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clock);
        await using var scope = services.CreateAsyncScope();
        var enrolment = scope.ServiceProvider.GetRequiredService<EnrolmentService>();
        await enrolment.RecordContractAsync(companyId, ContractType.BillingAgency, FiscalYear.Current(clock).Previous.FirstDay, null, staffId);
        await enrolment.EnrolAsync(companyId, rank, "テスト", staffId);
    }

    /// <summary>The company's ticket balance this fiscal year.</summary>
    public static async Task<int> BalanceAsync(IServiceProvider services, Guid companyId)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Core.Tickets.TicketLedger>().GetBalanceAsync(companyId);
    }

    private static Person Person(Guid? companyId, PersonRole role, string email, string name, DateTimeOffset now) =>
        new() { CompanyId = companyId, Role = role, Email = email, DisplayName = name, CreatedAt = now };
}
