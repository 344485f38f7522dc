using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Localization;

/// <summary>
/// Issue #17: the portal's texts (<c>Resources/SharedResource*.resx</c>) as one frozen table per UI culture, built on the
/// culture's first use. A page looks up dozens of texts per request; <see cref="ResourceManagerStringLocalizer"/> goes
/// through <see cref="ResourceManager.GetString(string, CultureInfo)"/> for each, with a lock on its resource sets that
/// concurrent requests contend for. The answers are the same: a culture's own text, else its parents' (en-US → en →
/// the neutral Japanese); a name with no text gives the name itself, marked not found; arguments are formatted with the
/// current culture.
/// </summary>
public sealed class SharedTextLocalizer : IStringLocalizer<SharedResource>
{
    private const string BaseName = "CloudpackPlus.Portal.Resources.SharedResource";

    private readonly ResourceManager _resources = new(BaseName, typeof(SharedResource).Assembly);
    private readonly ConcurrentDictionary<string, FrozenDictionary<string, string>> _tables = new(StringComparer.Ordinal);

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            return Table().TryGetValue(name, out var text)
                ? new LocalizedString(name, text, resourceNotFound: false, BaseName)
                : new LocalizedString(name, name, resourceNotFound: true, BaseName);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, BaseName);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var table = includeParentCultures ? Table() : Own(CultureInfo.CurrentUICulture);
        return table.Select(t => new LocalizedString(t.Key, t.Value, resourceNotFound: false, BaseName)).ToList();
    }

    /// <summary>The current UI culture's texts with its parents' underneath.</summary>
    private FrozenDictionary<string, string> Table()
    {
        var culture = CultureInfo.CurrentUICulture;
        return _tables.GetOrAdd(culture.Name, static (_, state) => state.Self.Build(state.Culture), (Self: this, Culture: culture));
    }

    private FrozenDictionary<string, string> Build(CultureInfo culture)
    {
        var chain = new List<CultureInfo>();
        for (var c = culture; ; c = c.Parent)
        {
            chain.Add(c);
            if (c.Equals(CultureInfo.InvariantCulture))
            {
                break;
            }
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            foreach (var (key, value) in Own(chain[i]))
            {
                texts[key] = value;
            }
        }

        return texts.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The texts of <paramref name="culture"/>'s own resource file (none when it has no file).</summary>
    private FrozenDictionary<string, string> Own(CultureInfo culture)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) is { } set)
        {
            foreach (DictionaryEntry entry in set)
            {
                if (entry.Key is string key && entry.Value is string value)
                {
                    texts[key] = value;
                }
            }
        }

        return texts.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
