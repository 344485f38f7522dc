using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing.Host;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Tools;

/// <summary>The portal on the in-process simulated AWS (<c>Aws:Mode=Simulated</c>), for the customer tools.</summary>
public sealed class ToolsAppFactory : PortalAppFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Aws:Mode"] = "Simulated";
            settings["Aws:Retry:MaxAttempts"] = "1";
            return settings;
        }
    }

    public SimulatedAws Aws => Services.GetRequiredService<SimulatedAws>();
}

/// <summary>Companies for the tools' tests (integration and browser).</summary>
public static class ToolsSetup
{
    /// <summary>A company with a contract of <paramref name="type"/> since last year, its representative and member, and one linked account.</summary>
    public static async Task<(Guid Company, TestAccount Rep, TestAccount Member, string AccountId)> CompanyAsync(this PortalAppFactory app, string code, ContractType type)
    {
        ArgumentNullException.ThrowIfNull(app);
        var company = await app.CreateCompanyAsync(code, $"{code} 商事");
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, $"csm@{code}.cloudpack.example.jp");
        var rep = await app.CreateAccountAsync(company, PersonRole.Representative, $"rep@{code}.example.jp");
        var member = await app.CreateAccountAsync(company, PersonRole.Member, $"member@{code}.example.jp");
        var accountId = string.Concat(Guid.NewGuid().ToString("N").Where(char.IsDigit).Concat("000000000000"))[..11] + "7";
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EnrolmentService>()
            .RecordContractAsync(company, type, FiscalYear.Current(app.Clock).Previous.FirstDay, null, csm.PersonId);
        await scope.ServiceProvider.GetRequiredService<AwsAccountService>().LinkAsync(company, accountId, true, "本番", csm.PersonId);
        return (company, rep, member, accountId);
    }
}
