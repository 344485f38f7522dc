using CloudpackPlus.Portal.Localization;
using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Portal.Workflows;

/// <summary>One input as the property panel builds its field.</summary>
public sealed record PaletteInput(string Name, string Type, string Editor, bool Required, string Description, IReadOnlyList<string> Options);

/// <summary>One activity type as the designer's palette shows it (in the reader's language) and the canvas draws it.</summary>
public sealed record PaletteItem(
    string Type, string Name, string Category, string Icon, string Kind, string Description,
    IReadOnlyList<string> Outcomes, IReadOnlyList<PaletteInput> Inputs);

/// <summary>The palette generated from the activity registry: nothing about an activity type is written twice.</summary>
public static class DesignerPalette
{
    public static IReadOnlyList<PaletteItem> Of(ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var japanese = PortalCultures.IsJapanese;
        return registry.All.Select(d => new PaletteItem(
                d.TypeName,
                (japanese ? d.DisplayNameJa : d.DisplayNameEn) is { Length: > 0 } name ? name : d.TypeName,
                d.Category, d.Icon, d.Kind.ToString(), d.Description, d.Outcomes,
                d.Inputs.Select(i => new PaletteInput(i.Name, i.Type, i.Editor, i.Required, i.Description, i.Options)).ToList()))
            .ToList();
    }
}
