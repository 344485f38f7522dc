using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Testing.Host;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CloudpackPlus.Portal.Tests.Support;

/// <summary>A signed-up test account: its ids, password and (when MFA is set) its TOTP key.</summary>
public sealed record TestAccount(Guid UserId, Guid? CompanyId, string Email, string Password, string? TotpKey)
{
    /// <summary>The Core person behind the login.</summary>
    public Guid PersonId { get; init; }
}

/// <summary>
/// The whole host on its own database, sending mail to a real SMTP server on 127.0.0.1,
/// with plain-HTTP cookies (the test client talks HTTP) and helpers to create companies and accounts.
/// </summary>
public class PortalAppFactory : CloudpackAppFactory
{
    public const string Password = "Initial-Passw0rd";

    public SmtpCapture Smtp { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:SecureCookies"] = "false",
        ["Mail:Mode"] = "Smtp",
        ["Mail:SmtpHost"] = "127.0.0.1",
        ["Mail:SmtpPort"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs:SchedulePollingInterval"] = "00:00:01",
    };

    public override async Task InitializeAsync()
    {
        Smtp.Start();
        await CreateDatabaseAsync(); // a copy of the build's migrated template
        StartHost();
    }

    /// <summary>Boots the host: in-process test server here; a real Kestrel server for browser tests.</summary>
    protected virtual void StartHost() => _ = Server;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public async Task<Guid> CreateCompanyAsync(string code, string name)
    {
        await using var scope = Services.CreateAsyncScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var company = new Company { Code = code, Name = name, CreatedAt = Clock.GetUtcNow() };
        core.Companies.Add(company);
        await core.SaveChangesAsync();
        return company.Id;
    }

    /// <summary>A person and an account with a known password; MFA set (with a known key) unless asked otherwise.</summary>
    public async Task<TestAccount> CreateAccountAsync(Guid? companyId, PersonRole role, string email, bool withMfa = true, bool mustChangePassword = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var core = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var totp = scope.ServiceProvider.GetRequiredService<TotpAuthenticator>();
        var person = new Person { CompanyId = companyId, Email = email, DisplayName = $"テスト {email}", Role = role, CreatedAt = Clock.GetUtcNow() };
        core.People.Add(person);
        await core.SaveChangesAsync();
        var user = new PortalUser
        {
            UserName = email, Email = email, EmailConfirmed = true, PersonId = person.Id, CompanyId = companyId,
            DisplayName = person.DisplayName, Role = role, CreatedAt = Clock.GetUtcNow(), MustChangePassword = mustChangePassword,
        };
        if (withMfa)
        {
            user.TotpSecretProtected = totp.NewProtectedSecret();
            user.TwoFactorEnabled = true;
        }

        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code)));
        return new TestAccount(user.Id, companyId, email, Password, withMfa ? totp.ManualKey(user) : null) { PersonId = person.Id };
    }

    /// <summary>The current code for a key, after moving the clock to a fresh 30-second step (a code is accepted once).</summary>
    public string NextCode(string totpKey)
    {
        Clock.Advance(TimeSpan.FromSeconds(30));
        return new Totp(Base32Encoding.ToBytes(totpKey)).ComputeTotp(Clock.GetUtcNow().UtcDateTime);
    }
}
