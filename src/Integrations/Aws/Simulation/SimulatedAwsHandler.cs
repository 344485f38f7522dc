using System.Net;
using System.Net.Http.Headers;

namespace CloudpackPlus.Integrations.Aws.Simulation;

/// <summary>Answers HTTP requests from the in-process <see cref="SimulatedAws"/> (Aws:Mode=Simulated): nothing leaves the process.</summary>
public sealed class SimulatedAwsHandler(SimulatedAws aws) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = [.. header.Value];
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = [.. header.Value];
            }
        }

        var uri = request.RequestUri!;
        headers["Host"] = [uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}"];
        var wire = new WireRequest(request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, body);
        var answer = await aws.HandleAsync(wire, cancellationToken);
        var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(answer.Body),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(answer.ContentType);
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
