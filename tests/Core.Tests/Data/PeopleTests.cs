using CloudpackPlus.Core.Companies;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Tests.Data;

public sealed class PeopleTests(CoreDatabaseFixture database) : IClassFixture<CoreDatabaseFixture>
{
    [Fact]
    public async Task StaffMember_CannotBelongToACompany()
    {
        await using var db = database.CreateContext();
        var company = new Company { Code = "ACME1", Name = "ACME", CreatedAt = DateTimeOffset.UtcNow };
        db.Companies.Add(company);
        db.People.Add(new Person { CompanyId = company.Id, Email = "csm1@example.jp", DisplayName = "x", Role = PersonRole.Csm, CreatedAt = DateTimeOffset.UtcNow });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Contains("ck_people_company_matches_role", error.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomerUser_MustBelongToACompany()
    {
        await using var db = database.CreateContext();
        db.People.Add(new Person { Email = "member1@example.jp", DisplayName = "x", Role = PersonRole.Member, CreatedAt = DateTimeOffset.UtcNow });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Email_IsUniqueAcrossPeople()
    {
        await using var db = database.CreateContext();
        db.People.Add(new Person { Email = "same@example.jp", DisplayName = "a", Role = PersonRole.Admin, CreatedAt = DateTimeOffset.UtcNow });
        db.People.Add(new Person { Email = "same@example.jp", DisplayName = "b", Role = PersonRole.Csm, CreatedAt = DateTimeOffset.UtcNow });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
