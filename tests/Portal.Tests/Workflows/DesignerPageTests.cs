using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Workflows;

/// <summary>
/// The designer's pages over HTTP as an admin: an import is refused whole with each problem pinned to its node (unknown
/// activity type, expression that does not parse, unknown form field type); the editor's JSON handlers check expressions
/// and forms as the user types, pin validation problems to nodes, refuse a stale save with 409 and an invalid publish with 422.
/// </summary>
public sealed partial class DesignerPageTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private const string Bad = """
        { "definitionId": "designer-bad", "name": "bad", "activities": [
          { "id": "start", "type": "Start" },
          { "id": "mystery", "type": "NoSuchActivity" },
          { "id": "check", "type": "Decision", "inputs": { "condition": { "expr": "variables.a ==== (" } } },
          { "id": "ask", "type": "HumanTask", "inputs": { "title": "t", "role": "csm", "form": { "fields": [ { "name": "x", "type": "hologram" } ] } } },
          { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "mystery" }, { "from": "mystery", "outcome": "Done", "to": "check" },
            { "from": "check", "outcome": "True", "to": "ask" }, { "from": "check", "outcome": "False", "to": "end" }, { "from": "ask", "outcome": "Done", "to": "end" } ] }
        """;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private async Task<PortalClient> AdminAsync(string key)
    {
        var admin = await app.CreateAccountAsync(null, PersonRole.Admin, $"admin-{key}@designer.cloudpack.example.jp");
        var client = new PortalClient(app);
        await client.SignInAsync(admin);
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(PortalClient client, string page, string handler, object body)
    {
        var html = await client.GetPageAsync(page);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{page}?handler={handler}", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value));
        using var response = await client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task Import_IsRefusedWhole_WithEveryProblemPinnedToItsNode()
    {
        using var client = await AdminAsync("import");
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM wf.definitions");

        using var refused = await client.PostMultipartAsync("/Staff/Workflows", new Dictionary<string, string>(), [("file", "bad.json", Encoding.UTF8.GetBytes(Bad))], "/Staff/Workflows?handler=Import");
        using var notJson = await client.PostMultipartAsync("/Staff/Workflows", new Dictionary<string, string>(), [("file", "x.json", "{ not json"u8.ToArray())], "/Staff/Workflows?handler=Import");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Matches("data-node=\"mystery\" data-code=\"unknown-activity\"", html);
        Assert.Matches("data-node=\"check\" data-code=\"bad-expression\"", html);
        Assert.Matches("data-node=\"ask\" data-code=\"bad-form\"", html);
        Assert.Contains("hologram", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM wf.definitions"));

        var good = Bad.Replace("NoSuchActivity", "Fork", StringComparison.Ordinal).Replace("==== (", "== 1", StringComparison.Ordinal).Replace("hologram", "string", StringComparison.Ordinal);
        using var imported = await client.PostMultipartAsync("/Staff/Workflows", new Dictionary<string, string>(), [("file", "good.json", Encoding.UTF8.GetBytes(good))], "/Staff/Workflows?handler=Import");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.EndsWith("/Staff/Workflows/Edit/designer-bad", imported.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("designer-bad", await client.GetPageAsync("/Staff/Workflows"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task EditorHandlers_CheckAsYouType_PinProblems_AndRefuseStaleSavesAndInvalidPublishes()
    {
        using var client = await AdminAsync("editor");
        using (var duplicated = await client.PostFormAsync("/Staff/Workflows", new Dictionary<string, string> { ["source"] = "aws-training", ["newId"] = "designer-edit", ["newName"] = "編集テスト" }, "/Staff/Workflows?handler=Duplicate"))
        {
            Assert.Equal(HttpStatusCode.Redirect, duplicated.StatusCode);
        }

        const string page = "/Staff/Workflows/Edit/designer-edit";
        var editor = await client.GetPageAsync(page);
        Assert.Contains("\"type\":\"NotifyApplication\"", editor, StringComparison.Ordinal);
        Assert.Contains("\"editor\":\"enum\"", editor, StringComparison.Ordinal);

        var (exprStatus, badExpr) = await PostJsonAsync(client, page, "Expression", new { text = "variables.a ==== (", template = false });
        var (_, goodExpr) = await PostJsonAsync(client, page, "Expression", new { text = "variables.a == 1", template = false });
        var (_, badForm) = await PostJsonAsync(client, page, "Form", new { form = new { fields = new[] { new { name = "x", type = "hologram" } } } });
        Assert.Equal(HttpStatusCode.OK, exprStatus);
        Assert.NotEmpty(badExpr.GetProperty("errors").EnumerateArray());
        Assert.Empty(goodExpr.GetProperty("errors").EnumerateArray());
        Assert.Contains("hologram", badForm.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);

        // A dangling edge (an arrow dropped on the blank canvas) is pinned to the node it leaves from.
        var graph = JsonNode(editor);
        graph["connections"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["from"] = "agree", ["outcome"] = "Done", ["to"] = "" });
        var (validateStatus, validated) = await PostJsonAsync(client, page, "Validate", new { graph });
        Assert.Equal(HttpStatusCode.OK, validateStatus);
        var pinned = validated.GetProperty("problems").EnumerateArray().Single();
        Assert.Equal(("agree", "dangling-connection"), (pinned.GetProperty("nodeId").GetString(), pinned.GetProperty("code").GetString()));

        var (saveStatus, saved) = await PostJsonAsync(client, page, "Save", new { graph, version = 1, revision = 1 });
        var (staleStatus, stale) = await PostJsonAsync(client, page, "Save", new { graph, version = 1, revision = 1 });
        Assert.Equal(HttpStatusCode.OK, saveStatus);
        Assert.Equal(2, saved.GetProperty("token").GetProperty("revision").GetInt32());
        Assert.Equal("agree", saved.GetProperty("problems")[0].GetProperty("nodeId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, staleStatus);
        Assert.Contains("他の人が変更した", stale.GetProperty("error").GetString(), StringComparison.Ordinal);

        var (publishStatus, refused) = await PostJsonAsync(client, page, "Publish", new { version = 1, revision = 2 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, publishStatus);
        Assert.Equal("agree", refused.GetProperty("problems")[0].GetProperty("nodeId").GetString());
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM wf.definitions WHERE definition_id = 'designer-edit' AND is_published"));
    }

    /// <summary>The definition inside the editor's JSON block.</summary>
    private static System.Text.Json.Nodes.JsonNode JsonNode(string html)
    {
        var start = html.IndexOf("id=\"designer-data\">", StringComparison.Ordinal) + "id=\"designer-data\">".Length;
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return System.Text.Json.Nodes.JsonNode.Parse(html[start..end])!["definition"]!;
    }
}
