using System.Text.Json;

namespace CloudpackPlus.Activities.Tests.WebScan;

/// <summary>docs/services/WEB-L.md draws the workflow from its definition: every node and connection is in the drawing.</summary>
public sealed class WebScanDefinitionTests
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

    [Fact]
    [Trait("Spec", "WEB-L")]
    public void TheDocumentedDrawing_HasEveryNodeAndConnectionOfTheDefinition()
    {
        var root = Root();
        using var definition = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "src/Workflows/Definitions/web-l.json")));
        var drawing = File.ReadAllText(Path.Combine(root, "docs/services/WEB-L.md"));
        static string Id(JsonElement e, string name) => e.GetProperty(name).GetString()!.Replace('-', '_');

        foreach (var node in definition.RootElement.GetProperty("activities").EnumerateArray())
        {
            Assert.Contains($"  {Id(node, "id")}[", drawing.Replace("{{", "[", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        foreach (var c in definition.RootElement.GetProperty("connections").EnumerateArray())
        {
            var outcome = c.GetProperty("outcome").GetString();
            var arrow = outcome == "Done" ? "-->" : $"-->|{outcome}|";
            Assert.Contains($"  {Id(c, "from")} {arrow} {Id(c, "to")}\n", drawing, StringComparison.Ordinal);
        }
    }
}
