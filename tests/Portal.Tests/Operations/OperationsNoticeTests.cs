using System.Net;
using System.Text;
using System.Text.Json;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Operations;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Operations;

/// <summary>Incident notices to the admins (one per incident, a digest past the hourly limit) and the APIs' OpenAPI document.</summary>
public sealed class OperationsNoticeTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> call)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider);
    }

    [Fact]
    public async Task NewIncidents_AreAnnouncedOneByOneToEveryAdmin_UpToFiveAnHour_AndTheRestGoToTheDailyDigest()
    {
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, "admin@notice.cloudpack.example.jp");
        var other = await app.CreateAccountAsync(null, PersonRole.Admin, "admin2@notice.cloudpack.example.jp");
        using (var client = new PortalClient(app))
        {
            await client.SignInAsync(admin);
            using var imported = await client.Http.PostAsync(new Uri("/api/workflows/definitions/import?publish=true", UriKind.Relative), new StringContent("""
                { "definitionId": "notice-no-end", "activities": [ { "id": "start", "type": "Start" },
                    { "id": "only", "type": "SetVariable", "inputs": { "name": "x", "value": 1 } } ],
                  "connections": [ { "from": "start", "outcome": "Done", "to": "only" } ] }
                """, Encoding.UTF8, "application/json"));
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        }

        for (var i = 0; i < 7; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await WithAsync(sp => sp.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync("notice-no-end", null, $"notice-{i}"));
        }

        var announced = await WithAsync(sp => sp.GetRequiredService<IncidentNotifier>().NotifyNewAsync(CancellationToken.None));
        var repeated = await WithAsync(sp => sp.GetRequiredService<IncidentNotifier>().NotifyNewAsync(CancellationToken.None));
        var digested = await WithAsync(sp => sp.GetRequiredService<IncidentNotifier>().DigestAsync(CancellationToken.None));
        var digestAgain = await WithAsync(sp => sp.GetRequiredService<IncidentNotifier>().DigestAsync(CancellationToken.None));

        Assert.Equal((5, 0, 2, 0), (announced, repeated, digested, digestAgain));
        foreach (var person in new[] { admin.PersonId, other.PersonId })
        {
            Assert.Equal(5, await app.Database.ScalarAsync<long>(
                $"SELECT count(*) FROM core.notifications WHERE recipient_id = '{person}' AND kind = '{IncidentNotifier.IncidentKind}'"));
            Assert.Equal("インシデントのまとめ: 2件", await app.Database.ScalarAsync<string>(
                $"SELECT title_ja FROM core.notifications WHERE recipient_id = '{person}' AND kind = '{IncidentNotifier.DigestKind}'"));
        }

        // Each notice is mailed once by the notification mailer: one mail per incident per admin.
        await WithAsync(sp => sp.GetRequiredService<CloudpackPlus.Portal.Notifications.NotificationMailer>().MailPendingAsync(500));
        Assert.Equal(0, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM core.notifications WHERE kind LIKE 'workflow-incident%' AND mailed_at IS NULL"));
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryMappedEndpointOfTheWorkflowTaskAndCalendarApis_AndStaffCanBrowseIt()
    {
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@openapi.cloudpack.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(csm);

        using var response = await client.GetAsync("/openapi/workflows.json");
        var page = WebUtility.HtmlDecode(await client.GetPageAsync("/Staff/Instances/OpenApi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToHashSet(StringComparer.Ordinal);
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => OperationsServiceCollectionExtensions.DocumentedPrefixes.Any(p => e.RoutePattern.RawText!.TrimStart('/').StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToList();
        Assert.True(mapped.Count >= 20, $"only {mapped.Count} endpoints found");
        Assert.Contains("POST /api/workflows/tasks/{id}/complete", mapped);
        Assert.Contains("GET /api/calendar/business-days", mapped);
        var missing = mapped.Where(m => !documented.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "not in the OpenAPI document: " + string.Join(", ", missing));
        Assert.Contains("/api/workflows/incidents/{id}/retry", page, StringComparison.Ordinal);
    }

    /// <summary>A route pattern as OpenAPI writes its path: leading slash, constraints dropped (<c>{id:guid}</c> → <c>{id}</c>).</summary>
    private static string Normalise(string pattern) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(pattern.TrimStart('/'), @"\{(\*{0,2})([^}:?=]+)[^}]*\}", "{$2}");
}
