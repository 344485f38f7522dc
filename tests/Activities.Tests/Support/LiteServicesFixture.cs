using System.Text.Json;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Activities.Tests.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.Simulation;
using CloudpackPlus.Integrations.Aws.Trust;
using CloudpackPlus.Testing.Host;
using CloudpackPlus.Workflows;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Activities.Tests.Support;

/// <summary>
/// The whole host on the simulated AWS (Aws:Mode=Simulated), reports rendered by the real pipeline, and helpers
/// to give a company a linked account whose read-only role trusts the company's external id.
/// </summary>
public sealed class LiteServicesFixture : TrainingApplicationFixture
{
    private long _accounts = 210_000_000_000;

    /// <inheritdoc />
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aws:Mode"] = "Simulated",
        ["Aws:Retry:MaxAttempts"] = "2",
        ["Aws:Retry:BaseDelay"] = "00:00:00",
        ["Aws:Retry:MaxDelay"] = "00:00:00",
    };

    /// <summary>The simulated AWS the host talks to.</summary>
    public SimulatedAws Aws => Services.GetRequiredService<SimulatedAws>();

    /// <summary>Links a fresh account to the company and creates its read-only role in the simulated AWS.</summary>
    public async Task<SimulatedAccount> LinkedAccountAsync(EnrolledCompany company)
    {
        var accountId = Interlocked.Increment(ref _accounts).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AwsAccountService>().LinkAsync(company.CompanyId, accountId, true, "本番", company.CsmId);
        var externalId = await scope.ServiceProvider.GetRequiredService<ExternalIdStore>().GetOrCreateAsync(company.CompanyId);
        var role = scope.ServiceProvider.GetRequiredService<IOptions<AwsOptions>>().Value.ReadOnlyRoleName;
        return Aws.AddAccount(accountId).WithRole(role, externalId, AwsRolePurpose.ReadOnly);
    }

    /// <summary>The read-only role's name.</summary>
    public string ReadOnlyRole => Services.GetRequiredService<IOptions<AwsOptions>>().Value.ReadOnlyRoleName;

    /// <summary>Applies for COST-L or SEC-L with the account.</summary>
    public async Task<ApplyResult> ApplyLiteAsync(string service, EnrolledCompany company, string account, bool acceptCharges = true)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDesk>()
            .ApplyAsync(service, Guid.CreateVersion7(), LiteForm(account, acceptCharges), company.RepresentativeId);
    }

    /// <summary>The apply form's data.</summary>
    public static Dictionary<string, JsonElement> LiteForm(string account, bool acceptCharges = true)
    {
        var data = new Dictionary<string, object?> { ["account"] = account, ["wishedDates"] = "来週の午後", ["focus"] = "EC2 の費用" };
        if (acceptCharges)
        {
            data["awsCharges"] = "accept";
        }

        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(data))!;
    }

    /// <summary>The HTML of the report the instance's RenderReport stored in <paramref name="culture"/> (its PDF is stored beside it).</summary>
    public Task<string> ReportHtmlAsync(Guid instanceId, string culture) => StoredReports.HtmlAsync(Services, instanceId, culture);

    /// <summary>The application's workflow instance (variables and status).</summary>
    public async Task<WorkflowInstance> InstanceAsync(Guid applicationId)
    {
        var application = await ApplicationAsync(applicationId);
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Instances.AsNoTracking()
            .SingleAsync(i => i.Id == application.WorkflowInstanceId);
    }

    /// <summary>
    /// Waits (real time, at most <paramref name="timeout"/>) until <paramref name="done"/> holds, moving the fake clock on by a
    /// second every 100 ms so the background runner's lease keeper and any back-off waits make progress.
    /// </summary>
    public async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The workflow did not get there in time.");
            }

            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }
    }
}
