using System.Globalization;
using CloudpackPlus.Portal.Localization;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Tests.Localization;

/// <summary>
/// The portal's cached texts (issue #17) answer exactly what ASP.NET Core's resource-manager localizer answers: for every
/// name in both files, in Japanese and in English (and en-US, through its parent), for a missing name, and with arguments.
/// </summary>
public sealed class SharedTextLocalizerTests
{
    private static readonly IStringLocalizer Reference = ResourceTexts.Reference;

    [Theory]
    [InlineData("ja-JP")]
    [InlineData("en")]
    [InlineData("en-US")]
    public void EveryText_IsTheResourceManagersText(string culture)
    {
        var cached = new SharedTextLocalizer();
        Using(culture, () =>
        {
            var names = Reference.GetAllStrings(includeParentCultures: true).Select(s => s.Name).ToList();
            Assert.True(names.Count > 500, $"only {names.Count} texts found");
            foreach (var name in names)
            {
                var expected = Reference[name];
                var actual = cached[name];
                Assert.Equal((expected.Value, expected.ResourceNotFound), (actual.Value, actual.ResourceNotFound));
            }

            Assert.Equal(names.Order(StringComparer.Ordinal), cached.GetAllStrings(includeParentCultures: true).Select(s => s.Name).Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public void EnglishAndJapanese_Differ_AndAMissingNameIsItself()
    {
        var cached = new SharedTextLocalizer();
        Using("ja-JP", () => Assert.Equal("ホーム", cached["Nav.Home"].Value));
        Using("en-US", () => Assert.Equal("Home", cached["Nav.Home"].Value));
        Using("en-US", () =>
        {
            var missing = cached["No.Such.Text"];
            Assert.True(missing.ResourceNotFound);
            Assert.Equal("No.Such.Text", missing.Value);
        });
    }

    [Fact]
    public void Arguments_AreFormattedLikeTheResourceManagers()
    {
        var cached = new SharedTextLocalizer();
        foreach (var culture in new[] { "ja-JP", "en-US" })
        {
            Using(culture, () =>
            {
                var withArguments = Reference.GetAllStrings(true).First(s => s.Value.Contains("{0}", StringComparison.Ordinal));
                Assert.Equal(Reference[withArguments.Name, 42].Value, cached[withArguments.Name, 42].Value);
            });
        }
    }

    private static void Using(string culture, Action action)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            action();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }
}
