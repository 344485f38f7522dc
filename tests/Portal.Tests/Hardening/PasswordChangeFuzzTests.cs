using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Authorization;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using Xunit.Abstractions;

namespace CloudpackPlus.Portal.Tests.Hardening;

/// <summary>
/// The account posts <see cref="RouteFuzzTests"/> leaves out: the password change (its wrong current passwords lock the
/// fuzz's own account) and the second factor (only reachable half-way through a sign-in). Here lockout and the sign-in
/// limits are out of reach (<see cref="LenientLockoutAppFactory"/>), so every hostile value reaches the page's handler:
/// no answer is a 5xx, and a refused post changes nothing in the database.
/// </summary>
[RunsLong(20)]
public sealed class PasswordChangeFuzzTests(LenientLockoutAppFactory app, ITestOutputHelper output) : IClassFixture<LenientLockoutAppFactory>
{
    private const string NewPassword = "Fuzz-New-Passw0rd-1";

    [Fact]
    public async Task ChangePassword_WithHostileValues_NeverAnswers5xx_AndOnlyAValidChangeChangesAnything()
    {
        var company = await app.CreateCompanyAsync("PWFZ", "パスワード検査株式会社");
        var other = await app.CreateCompanyAsync("PWFZ2", "別会社株式会社");
        var account = await app.CreateAccountAsync(company, PersonRole.Representative, "pwfuzz@example.jp");
        var values = FuzzValues.For(other);
        var fingerprint = new DatabaseFingerprint(app.Database.ConnectionString);
        var fuzz = new FuzzRun(values, fingerprint);
        using var client = new PortalClient(app);
        await client.SignInAsync(account);
        var hash = await PasswordHashAsync(account.Email);

        // Each field in turn, the other two valid: every post is refused (a wrong current password, or a mismatch).
        await fuzz.PageFormsAsync(client, Asker.Representative, "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = account.Password, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(hash, await PasswordHashAsync(account.Email));

        // The right current password with each value as the new one (typed twice): a password the policy accepts
        // changes it; anything else is refused and changes nothing.
        var current = account.Password;
        var accepted = new List<string>();
        foreach (var value in values)
        {
            var before = await fingerprint.TakeAsync();
            using var response = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
            {
                ["CurrentPassword"] = current, ["NewPassword"] = value, ["ConfirmPassword"] = value,
            });
            var preview = value.Length > 40 ? value[..40] + "…" : value;
            Assert.True((int)response.StatusCode < 500, $"new password {preview}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                accepted.Add(value);
                current = value;
                continue;
            }

            Assert.Empty(DatabaseFingerprint.Changed(before, await fingerprint.TakeAsync()));
        }

        // Of FuzzValues only the SQL text meets the policy (12+ characters, upper and lower case, a digit); it works.
        Assert.Equal(["' OR '1'='1'; DROP TABLE core.companies; --"], accepted);
        using var fresh = new PortalClient(app);
        await fresh.SignInAsync(account with { Password = current });
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM core.companies WHERE code = 'PWFZ'"));

        output.WriteLine($"password change fuzz: {fuzz.Requests + values.Count} requests ({fuzz.Forms} form, {fuzz.Refused} refused posts checked against the database, then {values.Count} new passwords of which {accepted.Count} accepted)");
        Assert.True(fuzz.Failures.Count == 0, $"{fuzz.Failures.Count} failures:\n" + string.Join("\n", fuzz.Failures.Take(60)));
        Assert.True(fuzz.Refused > 3 * values.Count, $"only {fuzz.Refused} refused posts");
    }

    [Fact]
    [Trait("Spec", "MFA-1")]
    public async Task SecondFactorPosts_WithHostileCodes_NeverAnswer5xx_AndRefusedChangeNothing()
    {
        var account = await app.CreateAccountAsync(null, PersonRole.Csm, "codefuzz@cloudpack.example.jp");
        var fuzz = new FuzzRun(FuzzValues.For(Guid.NewGuid()), new DatabaseFingerprint(app.Database.ConnectionString));
        using var client = new PortalClient(app);
        using (var login = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = account.Password }))
        {
            Assert.StartsWith("/Account/LoginWith2fa", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        await fuzz.PageFormsAsync(client, Asker.Csm, "/Account/LoginWith2fa");
        await fuzz.PageFormsAsync(client, Asker.Csm, "/Account/LoginWithRecoveryCode");

        output.WriteLine($"second factor fuzz: {fuzz.Requests} requests ({fuzz.Gets} GET, {fuzz.Posts} POST) over {fuzz.Forms} forms; {fuzz.Refused} refused posts checked against the database");
        Assert.True(fuzz.Failures.Count == 0, $"{fuzz.Failures.Count} failures:\n" + string.Join("\n", fuzz.Failures.Take(60)));
        Assert.True(fuzz.Forms >= 2 && fuzz.Refused > 30, $"only {fuzz.Forms} forms and {fuzz.Refused} refused posts");

        // The handlers were reached (wrong codes counted), and the right code still signs in.
        Assert.True(await app.Database.ScalarAsync<int>($"SELECT access_failed_count FROM identity.users WHERE email = '{account.Email}'") > 10);
        using var code = await client.PostFormAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = app.NextCode(account.TotpKey!) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal("/", code.Headers.Location!.OriginalString);
    }

    private Task<string?> PasswordHashAsync(string email) =>
        app.Database.ScalarAsync<string>($"SELECT password_hash FROM identity.users WHERE email = '{email}'");
}
