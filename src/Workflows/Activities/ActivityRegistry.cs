using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Workflows.Activities;

/// <summary>An input of an activity type, for the designer and for binding.</summary>
/// <param name="Name">camelCase name used in definitions.</param>
/// <param name="Type">A simple type name for the designer (string, integer, number, boolean, datetime, duration, object).</param>
/// <param name="Required">Publishing refuses a node that leaves it empty.</param>
/// <param name="Description">What it means.</param>
public sealed record ActivityInputDescriptor(string Name, string Type, bool Required, string Description)
{
    /// <summary>The designer's editor: text, multiline, number, boolean, enum, expression, business-days, duration, form, json.</summary>
    public string Editor { get; init; } = "text";

    /// <summary>The allowed values of an <c>enum</c> input.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    internal PropertyInfo Property { get; init; } = null!;
}

/// <summary>An output of an activity type.</summary>
public sealed record ActivityOutputDescriptor(string Name, string Type, string Description)
{
    internal PropertyInfo Property { get; init; } = null!;
}

/// <summary>A registered activity type as the designer lists it.</summary>
public sealed record ActivityDescriptor(
    string TypeName, string DisplayNameJa, string DisplayNameEn, string Category, string Description,
    ActivityKind Kind, IReadOnlyList<string> Outcomes, IReadOnlyList<ActivityInputDescriptor> Inputs,
    IReadOnlyList<ActivityOutputDescriptor> Outputs, int DefaultMaxAttempts)
{
    /// <summary>The palette icon (one glyph).</summary>
    public string Icon { get; init; } = "";

    internal ObjectFactory Factory { get; init; } = null!;

    internal Type ClrType { get; init; } = null!;
}

/// <summary>The activity types discovered (by <see cref="ActivityAttribute"/>) in the registered assemblies.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityDescriptor> _byName = new(StringComparer.Ordinal);

    /// <summary>Scans the given assemblies for activity classes.</summary>
    public ActivityRegistry(IEnumerable<WorkflowActivityAssembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        foreach (var assembly in assemblies.Select(a => a.Assembly).Distinct())
        {
            foreach (var type in assembly.GetTypes().Where(t => !t.IsAbstract && typeof(Activity).IsAssignableFrom(t)))
            {
                var attribute = type.GetCustomAttribute<ActivityAttribute>();
                if (attribute is not null)
                {
                    _byName[attribute.TypeName] = Describe(type, attribute);
                }
            }
        }
    }

    /// <summary>All activity types, by category then name.</summary>
    public IReadOnlyList<ActivityDescriptor> All =>
        _byName.Values.OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.TypeName, StringComparer.Ordinal).ToList();

    /// <summary>The descriptor of a type name, or null when unknown.</summary>
    public ActivityDescriptor? Find(string typeName) => _byName.GetValueOrDefault(typeName);

    private static ActivityDescriptor Describe(Type type, ActivityAttribute attribute)
    {
        var inputs = new List<ActivityInputDescriptor>();
        var outputs = new List<ActivityOutputDescriptor>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<InputAttribute>() is { } input && property.CanWrite)
            {
                var simple = SimpleType(property.PropertyType);
                inputs.Add(new ActivityInputDescriptor(JsonNamingPolicy.CamelCase.ConvertName(property.Name), simple, input.Required, input.Description)
                {
                    Property = property, Editor = input.Editor is { Length: > 0 } editor ? editor : EditorOf(simple), Options = input.Options,
                });
            }

            if (property.GetCustomAttribute<OutputAttribute>() is { } output && property.CanRead)
            {
                outputs.Add(new ActivityOutputDescriptor(JsonNamingPolicy.CamelCase.ConvertName(property.Name),
                    SimpleType(property.PropertyType), output.Description) { Property = property });
            }
        }

        return new ActivityDescriptor(attribute.TypeName, attribute.DisplayNameJa, attribute.DisplayNameEn,
            attribute.Category, attribute.Description, attribute.Kind, attribute.Outcomes, inputs, outputs,
            Math.Max(1, attribute.MaxAttempts))
        {
            Icon = attribute.Icon is { Length: > 0 } icon ? icon : CategoryIcon(attribute.Category),
            Factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes),
            ClrType = type,
        };
    }

    /// <summary>The editor a simple type gets when its input names none.</summary>
    private static string EditorOf(string simpleType) => simpleType switch
    {
        "integer" or "number" => "number",
        "boolean" => "boolean",
        "duration" => "duration",
        "object" => "json",
        _ => "text",
    };

    private static string CategoryIcon(string category) => category switch
    {
        "Flow" => "◆",
        "Tasks" => "✎",
        "Timers" => "⏱",
        "Data" => "≡",
        "Applications" => "✉",
        "Reports" => "▤",
        _ => category.StartsWith("AWS", StringComparison.Ordinal) ? "☁" : "●",
    };

    private static string SimpleType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) ? "string"
            : t == typeof(int) || t == typeof(long) ? "integer"
            : t == typeof(double) || t == typeof(decimal) ? "number"
            : t == typeof(bool) ? "boolean"
            : t == typeof(DateTimeOffset) ? "datetime"
            : t == typeof(TimeSpan) ? "duration"
            : "object";
    }
}

/// <summary>An assembly whose activities the registry discovers (register one per assembly).</summary>
public sealed record WorkflowActivityAssembly(Assembly Assembly);
