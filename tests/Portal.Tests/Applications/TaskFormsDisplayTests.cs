using System.Text.Json;
using CloudpackPlus.Portal.Applications;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Tests.Applications;

/// <summary>How an entered value reads in an application's history.</summary>
public sealed class TaskFormsDisplayTests
{
    private static readonly FormSchema Schema = FormSchema.Parse("""
        {"fields": [{"name": "proposalPdf", "type": "file", "maxFiles": 2, "label": {"ja": "提案書", "en": "Proposal"}},
                    {"name": "note", "type": "text", "label": {"ja": "メモ", "en": "Note"}}]}
        """);

    [Fact]
    public void AnUploadedFile_ReadsAsItsName_NotAsTheStoredJson()
    {
        var stored = JsonSerializer.SerializeToElement(new object[]
        {
            new { id = Guid.NewGuid().ToString(), fileName = "提案書.pdf", size = 1234, contentType = "application/pdf" },
            new { id = Guid.NewGuid().ToString(), fileName = "appendix.pdf", size = 99, contentType = "application/pdf" },
        });

        var shown = TaskForms.Display(Schema.Fields[0], stored, new Keys());

        Assert.Equal("提案書.pdf\nappendix.pdf", shown);
    }

    [Fact]
    public void Text_ReadsAsTyped()
    {
        Assert.Equal("{\"a\":1}", TaskForms.Display(Schema.Fields[1], JsonSerializer.SerializeToElement("{\"a\":1}"), new Keys()));
    }

    /// <summary>A localizer that answers with the key: these values do not depend on the resources.</summary>
    private sealed class Keys : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, name);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
