using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Demo;

/// <summary>
/// Sign-in accounts for the people Core's demo seeder created, with a known demo password.
/// MFA is not set: each account enrols its authenticator at first sign-in (MFA-1).
/// </summary>
internal sealed class PortalDemoSeeder(CoreDbContext core, UserManager<PortalUser> users, TimeProvider clock) : IDemoSeeder
{
    public const string DemoPassword = "Cloudpack-Demo-2026";

    public int Order => 30;

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        string[] emails = ["rep@demo.example.jp", "member@demo.example.jp", "csm@cloudpack.example.jp", "admin@cloudpack.example.jp"];
        var people = await core.People.Where(p => emails.Contains(p.Email)).OrderBy(p => p.Role).ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            if (await users.FindByEmailAsync(person.Email) is not null)
            {
                lines.Add($"found login {person.Email} (password {DemoPassword})");
                continue;
            }

            var user = new PortalUser
            {
                UserName = person.Email,
                Email = person.Email,
                EmailConfirmed = true,
                PersonId = person.Id,
                CompanyId = person.CompanyId,
                DisplayName = person.DisplayName,
                Role = person.Role,
                CreatedAt = clock.GetUtcNow(),
            };
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo login {person.Email}: {string.Join(", ", result.Errors.Select(e => e.Description))}");
            }

            lines.Add($"created login {person.Email} (password {DemoPassword}; TOTP is set up at the first sign-in)");
        }

        return lines;
    }
}
