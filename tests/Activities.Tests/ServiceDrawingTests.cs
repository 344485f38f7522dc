using System.Text.Json;
using CloudpackPlus.Workflows.Definitions;

namespace CloudpackPlus.Activities.Tests;

/// <summary>
/// Every service page in docs/services shows the workflow as exported from the definition by <see cref="DefinitionDrawing"/>;
/// the drawing in the page must be exactly the export (set UPDATE_DRAWINGS=1 to rewrite the pages' drawings).
/// </summary>
public sealed class ServiceDrawingTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CloudpackPlus.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [Theory]
    [Trait("Spec", "COST-C")]
    [Trait("Spec", "SEC-C")]
    [Trait("Spec", "BAS-3")]
    [Trait("Spec", "ACCT-D")]
    [Trait("Spec", "COST-L")]
    [Trait("Spec", "SEC-L")]
    [Trait("Spec", "WEB-L")]
    [InlineData("cost-c", "COST-C")]
    [InlineData("sec-c", "SEC-C")]
    [InlineData("bas", "BAS")]
    [InlineData("web-l", "WEB-L")]
    [InlineData("acct-d", "ACCT-D")]
    [InlineData("cost-l", "COST-L")]
    [InlineData("sec-l", "SEC-L")]
    public void TheDocumentedDrawing_IsTheExportOfTheDefinition(string definition, string service)
    {
        var root = Root();
        var json = File.ReadAllText(Path.Combine(root, $"src/Workflows/Definitions/{definition}.json"));
        var drawing = DefinitionDrawing.Mermaid(json);
        var page = Path.Combine(root, $"docs/services/{service}.md");
        var (text, start, end) = Block(page);
        if (Environment.GetEnvironmentVariable("UPDATE_DRAWINGS") == "1")
        {
            File.WriteAllText(page, text[..start] + drawing + text[end..]);
            (text, start, end) = Block(page);
        }

        Assert.Equal(drawing, text[start..end]);
    }

    private static (string Text, int Start, int End) Block(string page)
    {
        var text = File.ReadAllText(page);
        var start = text.IndexOf("```mermaid\n", StringComparison.Ordinal) + "```mermaid\n".Length;
        return (text, start, text.IndexOf("```", start, StringComparison.Ordinal));
    }

    [Fact]
    public void TheExport_HasEveryNodeAndConnection()
    {
        var json = File.ReadAllText(Path.Combine(Root(), "src/Workflows/Definitions/cost-c.json"));
        var drawing = DefinitionDrawing.Mermaid(json);
        using var definition = JsonDocument.Parse(json);
        foreach (var node in definition.RootElement.GetProperty("activities").EnumerateArray())
        {
            Assert.Contains($"\n  {DefinitionDrawing.Id(node.GetProperty("id").GetString()!)}[\"", drawing, StringComparison.Ordinal);
        }

        foreach (var c in definition.RootElement.GetProperty("connections").EnumerateArray())
        {
            var outcome = c.GetProperty("outcome").GetString();
            var arrow = outcome == "Done" ? "-->" : $"-->|{outcome}|";
            Assert.Contains($"  {DefinitionDrawing.Id(c.GetProperty("from").GetString()!)} {arrow} {DefinitionDrawing.Id(c.GetProperty("to").GetString()!)}\n", drawing, StringComparison.Ordinal);
        }

        Assert.Contains("  check_access -->|NoAccess| tell_customer_role\n", drawing, StringComparison.Ordinal);
        Assert.Contains("  proposal -->|remind| remind_proposal\n", drawing, StringComparison.Ordinal);
    }
}
