using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Demo;

/// <summary>The demo company with its representative and a member, one CSM and one admin, and its programme data.</summary>
internal sealed class CoreDemoSeeder(CoreDbContext db, TimeProvider clock, DemoProgrammeSeeder programme) : IDemoSeeder
{
    public const string CompanyCode = "DEMO";

    public int Order => 0;

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var now = clock.GetUtcNow();

        var company = await db.Companies.SingleOrDefaultAsync(c => c.Code == CompanyCode, cancellationToken);
        if (company is null)
        {
            company = new Company { Code = CompanyCode, Name = "株式会社デモ商事", CreatedAt = now, Industry = "卸売業" };
            db.Companies.Add(company);
            lines.Add($"created company {company.Code} {company.Name}");
        }
        else
        {
            lines.Add($"found company {company.Code} {company.Name}");
        }

        Person[] people =
        [
            new() { CompanyId = company.Id, Email = "rep@demo.example.jp", DisplayName = "山田 太郎", Role = PersonRole.Representative, CreatedAt = now },
            new() { CompanyId = company.Id, Email = "member@demo.example.jp", DisplayName = "佐藤 花子", Role = PersonRole.Member, CreatedAt = now },
            new() { Email = "csm@cloudpack.example.jp", DisplayName = "鈴木 一郎", Role = PersonRole.Csm, CreatedAt = now },
            new() { Email = "admin@cloudpack.example.jp", DisplayName = "高橋 管理", Role = PersonRole.Admin, CreatedAt = now },
        ];
        var emails = people.Select(p => p.Email).ToList();
        var existing = await db.People.Where(p => emails.Contains(p.Email)).Select(p => p.Email).ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            var verb = existing.Contains(person.Email) ? "found" : "created";
            if (verb == "created")
            {
                db.People.Add(person);
            }

            lines.Add($"{verb} {person.Role.ToString().ToLowerInvariant()} {person.Email} ({person.DisplayName})");
        }

        await db.SaveChangesAsync(cancellationToken);
        lines.AddRange(await programme.SeedAsync(company.Id, cancellationToken));
        return lines;
    }
}
