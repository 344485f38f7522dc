using System.Globalization;
using CloudpackPlus.Core.Localization;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Localization;

/// <summary>
/// Renders a <see cref="StoredMessage"/> in the reader's language from the resx (<c>Msg.&lt;code&gt;</c>, parameters
/// {0}, {1}...; a parameter that is itself a stored message is rendered first). Free text, and a code the resx does
/// not know, are shown as stored.
/// </summary>
public static class StoredMessages
{
    public static string Render(IStringLocalizer localizer, string? stored)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (!StoredMessage.TryParse(stored, out var code, out var parameters))
        {
            return stored ?? "";
        }

        var template = localizer["Msg." + code];
        if (template.ResourceNotFound)
        {
            return stored!;
        }

        var rendered = parameters.Select(p => (object)Parameter(localizer, code, p)).ToArray();
        try
        {
            return string.Format(CultureInfo.CurrentCulture, template.Value, rendered);
        }
        catch (FormatException)
        {
            return stored!;
        }
    }

    private static string Parameter(IStringLocalizer localizer, string code, string value)
    {
        if (value.StartsWith(StoredMessage.Prefix, StringComparison.Ordinal))
        {
            return Render(localizer, value);
        }

        // Enum parameters (a release cause, a rank source) have their own texts: Msg.<code>.<value>.
        var named = localizer[$"Msg.{code}.{value}"];
        return named.ResourceNotFound ? value : named.Value;
    }
}
