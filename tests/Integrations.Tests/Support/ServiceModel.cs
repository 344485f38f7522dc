using System.Text.Json;
using System.Text.Json.Nodes;
using CloudpackPlus.Integrations.Aws.Simulation;

namespace CloudpackPlus.Integrations.Tests.Support;

/// <summary>
/// Checks requests and responses against an AWS service model (shared/aws/models): operation
/// routing, member names, required members, types, enums and list/number bounds.
/// </summary>
public sealed class ServiceModel
{
    private readonly JsonObject _model;

    private ServiceModel(JsonObject model) => _model = model;

    public static ServiceModel Load(string servicePath) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(servicePath, "service-2.json")))!.AsObject());

    private JsonObject Metadata => _model["metadata"]!.AsObject();

    private JsonObject Shapes => _model["shapes"]!.AsObject();

    public bool HasOperation(string operation) => _model["operations"]![operation] is not null;

    public List<string> CheckRequest(string operation, WireRequest request)
    {
        var errors = new List<string>();
        var op = _model["operations"]![operation]?.AsObject();
        if (op is null)
        {
            return [$"{operation} is not an operation of the model"];
        }

        var protocol = Metadata["protocol"]!.GetValue<string>();
        var input = op["input"]?["shape"]?.GetValue<string>();
        var body = request.Body.Length == 0 ? null : JsonNode.Parse(request.Body);
        if (protocol == "rest-json")
        {
            var http = op["http"]!;
            if (http["method"]!.GetValue<string>() != request.Method)
            {
                errors.Add($"{operation}: method {request.Method}, model says {http["method"]}");
            }

            var template = http["requestUri"]!.GetValue<string>().Split('?')[0];
            if (!PathMatches(template, request.RawPath))
            {
                errors.Add($"{operation}: path {request.RawPath} does not match {template}");
            }

            if (input is not null)
            {
                CheckRestInput(input, body, request.RawQuery, errors);
            }
        }
        else
        {
            var target = $"{Metadata["targetPrefix"]}.{operation}";
            if (request.Header("X-Amz-Target") != target)
            {
                errors.Add($"{operation}: X-Amz-Target {request.Header("X-Amz-Target")}, expected {target}");
            }

            if (request.Header("Content-Type") != $"application/x-amz-json-{Metadata["jsonVersion"]}")
            {
                errors.Add($"{operation}: Content-Type {request.Header("Content-Type")}");
            }

            if (input is not null)
            {
                CheckValue(input, body ?? new JsonObject(), "$", errors);
            }
        }

        return errors;
    }

    public List<string> CheckResponse(string operation, byte[] responseBody)
    {
        var errors = new List<string>();
        var output = _model["operations"]![operation]?["output"]?["shape"]?.GetValue<string>();
        if (output is null)
        {
            if (responseBody.Length > 0 && JsonNode.Parse(responseBody) is JsonObject { Count: > 0 })
            {
                errors.Add($"{operation} has no output but the response has members");
            }

            return errors;
        }

        CheckValue(output, responseBody.Length == 0 ? new JsonObject() : JsonNode.Parse(responseBody), "$", errors);
        return errors;
    }

    private void CheckRestInput(string input, JsonNode? body, string rawQuery, List<string> errors)
    {
        var shape = Shapes[input]!.AsObject();
        var members = shape["members"]!.AsObject();
        var query = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""), StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            var member = members.FirstOrDefault(m => m.Value!["location"]?.GetValue<string>() == "querystring" && m.Value["locationName"]?.GetValue<string>() == name);
            if (member.Key is null)
            {
                errors.Add($"query parameter {name} is not a member of {input}");
            }
            else
            {
                CheckValue(member.Value!["shape"]!.GetValue<string>(), Scalar(member.Value["shape"]!.GetValue<string>(), value), $"?{name}", errors);
            }
        }

        var bodyMembers = new JsonObject();
        if (body is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                bodyMembers[name] = value?.DeepClone();
            }
        }

        foreach (var (name, member) in members)
        {
            if (member!["location"] is not null)
            {
                continue;
            }

            if (shape["required"] is JsonArray required && required.Any(r => r!.GetValue<string>() == name) && bodyMembers[name] is null)
            {
                errors.Add($"{input}.{name} is required");
            }
        }

        foreach (var (name, value) in bodyMembers)
        {
            if (members[name] is not { } member || member["location"] is not null)
            {
                errors.Add($"body member {name} is not a body member of {input}");
                continue;
            }

            CheckValue(member["shape"]!.GetValue<string>(), value, $"$.{name}", errors);
        }
    }

    private JsonValue? Scalar(string shapeName, string value) =>
        Shapes[shapeName]!["type"]!.GetValue<string>() is "integer" or "long" ? JsonValue.Create(long.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(value);

    private void CheckValue(string shapeName, JsonNode? node, string path, List<string> errors)
    {
        var shape = Shapes[shapeName]!.AsObject();
        var type = shape["type"]!.GetValue<string>();
        if (node is null)
        {
            errors.Add($"{path}: null for {shapeName}");
            return;
        }

        switch (type)
        {
            case "structure":
                if (node is not JsonObject obj)
                {
                    errors.Add($"{path}: expected object ({shapeName})");
                    return;
                }

                var members = shape["members"]!.AsObject();
                foreach (var required in shape["required"]?.AsArray() ?? [])
                {
                    if (obj[required!.GetValue<string>()] is null)
                    {
                        errors.Add($"{path}.{required}: required member of {shapeName} missing");
                    }
                }

                foreach (var (name, value) in obj)
                {
                    if (members[name] is not { } member)
                    {
                        errors.Add($"{path}.{name}: not a member of {shapeName}");
                    }
                    else
                    {
                        CheckValue(member["shape"]!.GetValue<string>(), value, $"{path}.{name}", errors);
                    }
                }

                break;
            case "list":
                if (node is not JsonArray array)
                {
                    errors.Add($"{path}: expected array ({shapeName})");
                    return;
                }

                CheckBounds(shape, array.Count, path, errors);
                for (var i = 0; i < array.Count; i++)
                {
                    CheckValue(shape["member"]!["shape"]!.GetValue<string>(), array[i], $"{path}[{i}]", errors);
                }

                break;
            case "map":
                if (node is not JsonObject map)
                {
                    errors.Add($"{path}: expected map ({shapeName})");
                    return;
                }

                foreach (var (key, value) in map)
                {
                    CheckValue(shape["value"]!["shape"]!.GetValue<string>(), value, $"{path}[{key}]", errors);
                }

                break;
            case "string":
                if (node.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"{path}: expected string ({shapeName})");
                    return;
                }

                var text = node.GetValue<string>();
                if (shape["enum"] is JsonArray values && values.All(v => v!.GetValue<string>() != text))
                {
                    errors.Add($"{path}: '{text}' is not in enum {shapeName}");
                }

                CheckBounds(shape, text.Length, path, errors);
                break;
            case "integer" or "long":
                if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<long>(out var number))
                {
                    errors.Add($"{path}: expected integer ({shapeName})");
                    return;
                }

                CheckBounds(shape, number, path, errors);
                break;
            case "double" or "float":
                if (node.GetValueKind() != JsonValueKind.Number)
                {
                    errors.Add($"{path}: expected number ({shapeName})");
                }

                break;
            case "boolean":
                if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path}: expected boolean ({shapeName})");
                }

                break;
            case "timestamp":
                var iso = shape["timestampFormat"]?.GetValue<string>() == "iso8601";
                if (iso ? node.GetValueKind() != JsonValueKind.String : node.GetValueKind() != JsonValueKind.Number)
                {
                    errors.Add($"{path}: expected {(iso ? "ISO 8601 string" : "epoch seconds")} ({shapeName})");
                }

                break;
            default:
                if (node.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"{path}: expected base64 string ({shapeName}, {type})");
                }

                break;
        }
    }

    private static void CheckBounds(JsonObject shape, double value, string path, List<string> errors)
    {
        if (shape["min"] is { } min && value < min.GetValue<double>())
        {
            errors.Add($"{path}: {value} below min {min}");
        }

        if (shape["max"] is { } max && value > max.GetValue<double>())
        {
            errors.Add($"{path}: {value} above max {max}");
        }
    }

    private static bool PathMatches(string template, string path)
    {
        var t = template.Split('/');
        var p = path.Split('/');
        // A greedy label ({InsightArn+}, always the last) takes the rest of the path, slashes included.
        return t[^1].EndsWith("+}", StringComparison.Ordinal)
            ? p.Length >= t.Length && t.Zip(p).All(x => x.First.StartsWith('{') || x.First == x.Second)
            : t.Length == p.Length && t.Zip(p).All(x => x.First.StartsWith('{') || x.First == x.Second);
    }
}
