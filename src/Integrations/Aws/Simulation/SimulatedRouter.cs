using System.Text.Json.Nodes;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>Finds the operation a request addresses (X-Amz-Target or method + path) and hands it to the service.</summary>
internal static class SimulatedRouter
{
    public static (AwsService Service, string Operation, JsonNode? Body) Resolve(string signingName, WireRequest request)
    {
        var service = AwsServiceCatalog.FindBySigningName(signingName)
            ?? throw new SimulatedAwsException(400, "UnknownOperationException", $"The simulated AWS does not serve {signingName}.");
        JsonNode? body = null;
        if (request.Body.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(request.Body);
            }
            catch (System.Text.Json.JsonException)
            {
                throw new SimulatedAwsException(400, "SerializationException", "The request body is not valid JSON.");
            }
        }

        if (service.Protocol == AwsProtocol.Json)
        {
            var target = request.Header("X-Amz-Target") ?? "";
            var expectedType = $"application/x-amz-json-{service.JsonVersion}";
            if (!target.StartsWith(service.TargetPrefix + ".", StringComparison.Ordinal) || request.Header("Content-Type") != expectedType)
            {
                throw new SimulatedAwsException(400, "UnknownOperationException", $"Expected X-Amz-Target {service.TargetPrefix}.* and {expectedType}.");
            }

            if (body is not JsonObject)
            {
                throw new SimulatedAwsException(400, "SerializationException", "A JSON object body is required.");
            }

            return (service, target[(service.TargetPrefix!.Length + 1)..], body);
        }

        var route = (request.Method, request.RawPath);
        var operation = service.Id switch
        {
            "securityhub" => route switch
            {
                ("GET", "/accounts") => "DescribeHub",
                ("POST", "/accounts") => "EnableSecurityHub",
                ("DELETE", "/accounts") => "DisableSecurityHub",
                ("POST", "/standards/get") => "GetEnabledStandards",
                ("POST", "/standards/register") => "BatchEnableStandards",
                ("POST", "/standards/deregister") => "BatchDisableStandards",
                ("POST", "/findings") => "GetFindings",
                ("POST", "/insights") => "CreateInsight",
                ("GET", _) when route.RawPath.StartsWith("/insights/results/", StringComparison.Ordinal) => "GetInsightResults",
                ("DELETE", _) when route.RawPath.StartsWith("/insights/", StringComparison.Ordinal) => "DeleteInsight",
                _ => null,
            },
            "trustedadvisor" when request.Method == "GET" && route.RawPath == "/v1/recommendations" => "ListRecommendations",
            "trustedadvisor" when request.Method == "GET" && route.RawPath.StartsWith("/v1/recommendations/", StringComparison.Ordinal)
                && route.RawPath.EndsWith("/resources", StringComparison.Ordinal) => "ListRecommendationResources",
            "wellarchitected" => SimulatedWellArchitected.Route(request.Method, request.RawPath),
            _ => null,
        };
        return operation is null
            ? throw new SimulatedAwsException(404, "UnknownOperationException", $"No {service.Id} operation at {request.Method} {request.RawPath}.")
            : (service, operation, body);
    }

    public static JsonNode? Dispatch(
        SimulatedAws aws, SimulatedAccount account, AwsService service, string operation, JsonNode? body, WireRequest request, string region)
    {
        var context = new SimulatedContext(aws, account, region, body as JsonObject ?? [], Query(request.RawQuery), request.RawPath);
        lock (account)
        {
            return service.Id switch
            {
                "securityhub" => SimulatedSecurityHub.Handle(context, operation),
                "config" => SimulatedConfig.Handle(context, operation),
                "support" => SimulatedTrustedAdvisor.HandleSupport(context, operation),
                "trustedadvisor" => SimulatedTrustedAdvisor.HandleApi(context, operation),
                "compute-optimizer" => SimulatedComputeOptimizer.Handle(context, operation),
                "ce" => SimulatedCostExplorer.Handle(context, operation),
                "wellarchitected" => SimulatedWellArchitected.Handle(context, operation),
                _ => throw new SimulatedAwsException(400, "UnknownOperationException", operation),
            };
        }
    }

    private static Dictionary<string, string> Query(string raw) =>
        raw.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.Ordinal);
}

/// <summary>What a simulated operation sees.</summary>
internal sealed record SimulatedContext(
    SimulatedAws Aws, SimulatedAccount Account, string Region, JsonObject Body, IReadOnlyDictionary<string, string> Query, string RawPath)
{
    public DateTimeOffset Now => Aws.Time.GetUtcNow();

    public string? String(string member) => Body[member]?.GetValue<string>();

    public int? Int(string member) => Body[member]?.GetValue<int>();

    public static SimulatedAwsException Invalid(string code, string message) => new(400, code, message);

    /// <summary>Opaque page tokens: the next index, base64-encoded so clients cannot rely on their form.</summary>
    public static string Token(int next) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"sim:{next}"));

    public static int FromToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("sim:", StringComparison.Ordinal) ? int.Parse(text[4..], System.Globalization.CultureInfo.InvariantCulture) : throw new FormatException();
        }
        catch (FormatException)
        {
            throw Invalid("InvalidInputException", "The NextToken is invalid.");
        }
    }
}
