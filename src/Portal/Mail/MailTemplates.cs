using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Scriban;

namespace CloudpackPlus.Portal.Mail;

/// <summary>A rendered mail: subject and plain-text body.</summary>
public sealed record RenderedMail(string Subject, string Body);

/// <summary>
/// Scriban mail templates, <c>templates/mail/&lt;name&gt;.&lt;culture&gt;.txt</c>: the first line is
/// <c>Subject: ...</c>, then a blank line, then the body. Falls back to ja-JP when a culture is missing.
/// </summary>
public sealed class MailTemplates(IOptions<MailOptions> options)
{
    private readonly ConcurrentDictionary<string, Template> _cache = new(StringComparer.Ordinal);

    public RenderedMail Render(string name, string culture, object model)
    {
        var template = _cache.GetOrAdd($"{name}.{culture}", _ => Load(name, culture));
        var text = template.Render(model).Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (!text.StartsWith("Subject:", StringComparison.Ordinal) || split < 0)
        {
            throw new InvalidOperationException($"Mail template {name}.{culture} must start with 'Subject:' and a blank line.");
        }

        return new RenderedMail(text[8..text.IndexOf('\n', StringComparison.Ordinal)].Trim(), text[(split + 2)..]);
    }

    private Template Load(string name, string culture)
    {
        var folder = options.Value.TemplateDirectory;
        var path = Path.Combine(folder, $"{name}.{culture}.txt");
        if (!File.Exists(path))
        {
            path = Path.Combine(folder, $"{name}.ja-JP.txt");
        }

        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"Mail template {path}: {string.Join("; ", template.Messages)}");
        }

        return template;
    }
}
