using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Workflows;

/// <summary>The runtime's HTTP API behind staff sign-in: the acting user is the signed-in CSM, never a header.</summary>
public sealed class WorkflowsApiTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task TaskInbox_ListsAndCompletes_AsTheSignedInCsm_WithClearAnswers()
    {
        var csm = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@wfapi.cloudpack.example.jp");
        using var client = new PortalClient(app);
        await client.SignInAsync(csm);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>().StartWorkflowAsync("sample-approval", null, "wfapi-1");
        }

        var tasks = await client.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/workflows/tasks", UriKind.Relative));
        var id = tasks.EnumerateArray().First().GetProperty("id").GetGuid();

        using var invalid = await client.Http.PostAsJsonAsync(new Uri($"/api/workflows/tasks/{id}/complete", UriKind.Relative), new { approved = "yes" });
        using var ok = await client.Http.PostAsJsonAsync(new Uri($"/api/workflows/tasks/{id}/complete", UriKind.Relative), new { approved = false });
        using var again = await client.Http.PostAsJsonAsync(new Uri($"/api/workflows/tasks/{id}/complete", UriKind.Relative), new { approved = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var personId = await app.Database.ScalarAsync<Guid>($"SELECT id FROM core.people WHERE email = '{csm.Email}'");
        Assert.Contains(personId.ToString(), await ok.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("AlreadyCompleted", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImpersonationHeaders_AreIgnored_WithoutSignIn()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Cloudpack-User", "csm-9");
        client.DefaultRequestHeaders.Add("X-Cloudpack-Roles", "csm");

        using var response = await client.GetAsync(new Uri("/api/workflows/tasks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
