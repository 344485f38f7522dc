using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>A request as it arrived on the wire, for signature verification.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="RawPath">Path exactly as sent (still percent-encoded).</param>
/// <param name="RawQuery">Query string without '?', exactly as sent.</param>
/// <param name="Headers">Header name (any case) to values.</param>
/// <param name="Body">Request body.</param>
public sealed record WireRequest(string Method, string RawPath, string RawQuery, IReadOnlyDictionary<string, string[]> Headers, byte[] Body)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } v ? string.Join(",", v) : null;
}

/// <summary>The parts of a SigV4 Authorization header.</summary>
public sealed record SigV4Authorization(string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public static SigV4Authorization? Parse(string? header)
    {
        const string Prefix = "AWS4-HMAC-SHA256 ";
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = header[Prefix.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signed)
            || !parts.TryGetValue("Signature", out var signature))
        {
            return null;
        }

        var scope = credential.Split('/');
        return scope.Length == 5 && scope[4] == "aws4_request"
            ? new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], signed.Split(';'), signature)
            : null;
    }
}

/// <summary>
/// An independent SigV4 verifier (written from the AWS specification, not the SDK) so the simulated
/// AWS rejects exactly what AWS would: tests prove the SDK's signing wiring against it.
/// </summary>
public static class SigV4Verifier
{
    public static string? Verify(WireRequest request, Func<string, string?> secretFor)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(secretFor);
        var auth = SigV4Authorization.Parse(request.Header("Authorization"));
        if (auth is null)
        {
            return "MissingAuthenticationToken";
        }

        var secret = secretFor(auth.AccessKeyId);
        if (secret is null)
        {
            return "UnrecognizedClientException";
        }

        var amzDate = request.Header("X-Amz-Date");
        if (amzDate is null || !amzDate.StartsWith(auth.Date, StringComparison.Ordinal) || !auth.SignedHeaders.Contains("host"))
        {
            return "IncompleteSignatureException";
        }

        var bodyHash = Hex(SHA256.HashData(request.Body));
        var declaredHash = request.Header("X-Amz-Content-Sha256");
        if (declaredHash is not null && declaredHash != bodyHash)
        {
            return "XAmzContentSHA256Mismatch";
        }

        var canonical = CanonicalRequest(request, auth.SignedHeaders, normalizePath: true, bodyHash);
        var scope = $"{auth.Date}/{auth.Region}/{auth.Service}/aws4_request";
        var expected = Signature(secret, auth.Date, auth.Region, auth.Service, StringToSign(amzDate, scope, canonical));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature))
            ? null : "SignatureDoesNotMatch";
    }

    public static string CanonicalRequest(WireRequest request, IEnumerable<string> signedHeaders, bool normalizePath, string payloadHash)
    {
        ArgumentNullException.ThrowIfNull(request);
        var names = signedHeaders.Select(h => h.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(CanonicalPath(request.RawPath, normalizePath)).Append('\n');
        builder.Append(CanonicalQuery(request.RawQuery)).Append('\n');
        foreach (var name in names)
        {
            var values = request.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
                .SelectMany(h => h.Value).Select(TrimAll);
            builder.Append(name).Append(':').Append(string.Join(",", values)).Append('\n');
        }

        builder.Append('\n').Append(string.Join(";", names)).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    public static string Signature(string secret, string date, string region, string service, string stringToSign)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string CanonicalPath(string rawPath, bool normalize)
    {
        var path = string.IsNullOrEmpty(rawPath) ? "/" : rawPath;
        if (normalize)
        {
            var output = new List<string>();
            foreach (var segment in path.Split('/'))
            {
                if (segment is "" or ".")
                {
                    continue;
                }

                if (segment == "..")
                {
                    if (output.Count > 0)
                    {
                        output.RemoveAt(output.Count - 1);
                    }

                    continue;
                }

                output.Add(segment);
            }

            var trailing = path.EndsWith('/') && output.Count > 0;
            path = "/" + string.Join('/', output) + (trailing ? "/" : "");
        }

        // Non-S3 services encode the (already encoded) wire path once more.
        return string.Join('/', path.Split('/').Select(s => Encode(s)));
    }

    private static string CanonicalQuery(string rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return "";
        }

        return string.Join('&', rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: Encode(Uri.UnescapeDataString(p[0])), Value: Encode(p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "")))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
    }

    private static string TrimAll(string value) =>
        string.Join(' ', value.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>RFC 3986 encoding of everything but unreserved characters, upper-case hex.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
