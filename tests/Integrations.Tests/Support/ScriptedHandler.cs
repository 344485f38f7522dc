using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CloudpackPlus.Integrations.Tests.Support;

/// <summary>Answers requests from a script of (status, fixture file, error-type header); records what was sent.</summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<(HttpStatusCode Status, string? Fixture, string? ErrorType)> _script = new();

    public List<HttpRequestMessage> Requests { get; } = [];

    public ScriptedHandler Then(HttpStatusCode status, string? fixture = null, string? errorType = null)
    {
        _script.Enqueue((status, fixture, errorType));
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (!_script.TryDequeue(out var step))
        {
            throw new InvalidOperationException("The script has no more answers.");
        }

        var body = step.Fixture is null ? "" : File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", step.Fixture));
        var response = new HttpResponseMessage(step.Status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
        if (step.ErrorType is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", step.ErrorType);
        }

        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-" + Requests.Count);
        return Task.FromResult(response);
    }
}
