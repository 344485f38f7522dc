using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Trust;

/// <summary>
/// Writes a JSON document as block-style YAML. Strings are double-quoted with JSON escapes, which
/// YAML reads identically, so values such as "2012-10-17" or "*" never change type.
/// </summary>
internal static class YamlWriter
{
    public static string Write(JsonNode node)
    {
        var builder = new StringBuilder();
        WriteNode(builder, node, 0, inList: false);
        return builder.ToString();
    }

    private static void WriteNode(StringBuilder b, JsonNode? node, int indent, bool inList)
    {
        switch (node)
        {
            case JsonObject obj:
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!(first && inList))
                    {
                        b.Append(' ', indent);
                    }

                    first = false;
                    b.Append(Quote(key)).Append(':');
                    WriteChild(b, value, indent);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    b.Append(' ', indent).Append("- ");
                    if (item is JsonObject)
                    {
                        WriteNode(b, item, indent + 2, inList: true);
                    }
                    else if (item is JsonArray)
                    {
                        b.Append('\n');
                        WriteNode(b, item, indent + 2, inList: false);
                    }
                    else
                    {
                        b.Append(Scalar(item)).Append('\n');
                    }
                }

                break;
            default:
                b.Append(' ', indent).Append(Scalar(node)).Append('\n');
                break;
        }
    }

    private static void WriteChild(StringBuilder b, JsonNode? value, int indent)
    {
        if (value is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
        {
            b.Append('\n');
            WriteNode(b, value, indent + 2, inList: false);
        }
        else
        {
            b.Append(' ').Append(value is JsonObject ? "{}" : value is JsonArray ? "[]" : Scalar(value)).Append('\n');
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Quote(v.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
