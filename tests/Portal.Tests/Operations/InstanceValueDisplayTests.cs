using CloudpackPlus.Portal.Operations;

namespace CloudpackPlus.Portal.Tests.Operations;

/// <summary>How the instance viewer shows a variable's value.</summary>
public sealed class InstanceValueDisplayTests
{
    [Fact]
    public void JapaneseText_IsShownAsWritten_NotAsUnicodeEscapes()
    {
        Assert.Equal("{\"topic\":\"AWS入門\",\"n\":3}", InstanceDetailsLoader.Shown(new Dictionary<string, object?> { ["topic"] = "AWS入門", ["n"] = 3 }));
    }

    [Fact]
    public void ALongValue_IsCut_WithAnEllipsis()
    {
        var shown = InstanceDetailsLoader.Shown(new string('あ', 1_000));
        Assert.Equal(InstanceDetailsLoader.ShownValueLength + 1, shown.Length);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
    }
}
