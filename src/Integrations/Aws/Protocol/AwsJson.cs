using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudpackPlus.Integrations.Aws.Protocol;

/// <summary>Serializer settings per service casing; nulls are omitted so only set members go on the wire.</summary>
public static class AwsJson
{
    /// <summary>Security Hub, Config (top level), Cost Explorer: member names as declared (PascalCase).</summary>
    public static readonly JsonSerializerOptions Pascal = Create(null);

    /// <summary>Support, Trusted Advisor API, Compute Optimizer: camelCase members.</summary>
    public static readonly JsonSerializerOptions Camel = Create(JsonNamingPolicy.CamelCase);

    private static JsonSerializerOptions Create(JsonNamingPolicy? naming)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = naming,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new AwsTimestampConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>AWS JSON timestamps: epoch seconds (default of the JSON protocols) or ISO 8601 strings.</summary>
public sealed class AwsTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            var seconds = reader.GetDouble();
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }

        return DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000.0);
    }
}
