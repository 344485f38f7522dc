using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace CloudpackPlus.Integrations.Aws.Signing;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> with AWS Signature Version 4 through AWSSDK.Core's
/// public signer. The body is passed as bytes so its SHA-256 is signed (x-amz-content-sha256).
/// </summary>
public static class AwsRequestSigner
{
    /// <summary>Headers the signer must cover besides host and the x-amz-* it adds itself.</summary>
    private static readonly string[] SignedContentHeaders = ["content-type"];

    public static async Task SignAsync(
        HttpRequestMessage request, byte[] body, AWSCredentials credentials, string region, string service,
        DateTimeOffset signedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signing = new AWSSigningRequest
        {
            HttpMethod = request.Method,
            RequestUri = request.RequestUri!,
            Content = body,
        };
        foreach (var header in request.Headers)
        {
            if (header.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                signing.Headers[header.Key] = string.Join(",", header.Value);
            }
        }

        if (request.Content?.Headers is { } contentHeaders)
        {
            foreach (var name in SignedContentHeaders)
            {
                if (contentHeaders.TryGetValues(name, out var values))
                {
                    signing.Headers[name] = string.Join(",", values);
                }
            }
        }

        var result = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = signedAt.UtcDateTime,
        }, cancellationToken);

        foreach (var (name, value) in result.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
