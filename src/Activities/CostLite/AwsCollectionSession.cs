using System.Globalization;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Activities.CostLite;

/// <summary>
/// One collection run against a customer account, shared by COST-L and SEC-L: counts the AWS calls per IAM
/// action (the report's appendix), reports progress, and backs off further when AWS still throttles after
/// the transport's own retries (the progress says so). Access denied and other errors propagate.
/// </summary>
internal sealed class AwsCollectionSession(ActivityContext context, int sections)
{
    /// <summary>Extra rounds after the transport gave up on throttling.</summary>
    public const int ThrottleRounds = 4;

    private readonly SortedDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _section;
    private long _items;

    /// <summary>How many times AWS throttled a call even after the transport's retries.</summary>
    public int Throttled { get; private set; }

    /// <summary>The calls made, per IAM action.</summary>
    public IReadOnlyList<CollectedCall> Calls => [.. _calls.Select(c => new CollectedCall(c.Key, c.Value))];

    /// <summary>Starts the next section (e.g. "Compute Optimizer EBS") for the progress.</summary>
    public void Section(string name)
    {
        _section++;
        Report(name);
    }

    /// <summary>Counts collected items for the progress message.</summary>
    public void Collected(int items, string name)
    {
        _items += items;
        Report(name);
    }

    /// <summary>Calls AWS once (the action is the IAM action the call needs), backing off while it is throttled.</summary>
    public async Task<T> CallAsync<T>(string action, Func<CancellationToken, Task<T>> call)
    {
        for (var round = 0; ; round++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            _calls[action] = _calls.GetValueOrDefault(action) + 1;
            try
            {
                return await call(context.CancellationToken);
            }
            catch (AwsIntegrationException e) when (e.IsTransient && round < ThrottleRounds)
            {
                Throttled++;
                var wait = TimeSpan.FromSeconds(Math.Pow(2, round + 1));
                context.ReportProgress(_section, sections, string.Create(CultureInfo.InvariantCulture,
                    $"AWS throttled {action}: waiting {wait.TotalSeconds:0} s (attempt {round + 2}) / AWS のスロットリングのため {wait.TotalSeconds:0} 秒待機中"));
                await Task.Delay(wait, context.Time, context.CancellationToken);
            }
        }
    }

    private void Report(string name) =>
        context.ReportProgress(_section, sections, string.Create(CultureInfo.InvariantCulture, $"{name}: {_items:N0} items / {name}: {_items:N0} 件"));
}

/// <summary>How many requests one IAM action took.</summary>
/// <param name="Action">e.g. <c>compute-optimizer:GetEBSVolumeRecommendations</c>.</param>
/// <param name="Calls">Requests made.</param>
public sealed record CollectedCall(string Action, int Calls);
