using System.Globalization;
using CloudpackPlus.Integrations.Aws;
using CloudpackPlus.Integrations.Aws.SecurityHub;
using CloudpackPlus.Workflows.Activities;

namespace CloudpackPlus.Activities.AccountDiagnosis;

/// <summary>
/// Pages through every active Security Hub finding of the account (100 per call) and folds each page into the
/// per-control counts in <c>acctd</c>, committing the page with its continuation token. Throttling waits as AWS asks
/// (Retry-After) and shows in the progress; an expired session is renewed; a cancelled instance stops within a second.
/// </summary>
[Activity("CollectDiagnosisFindings", DisplayNameJa = "検出結果の収集", DisplayNameEn = "Collect findings", Category = "AWS account diagnosis",
    Kind = ActivityKind.Background, MaxAttempts = 3, Outcomes = ["Done", AccessDeniedOutcome],
    Description = "Collects every Security Hub finding page by page into per-control counts (ACCT-D).")]
public sealed class CollectDiagnosisFindings : DiagnosisActivityBase
{
    /// <summary>Consecutive throttled answers after which the attempt fails (the node's retry policy takes over).</summary>
    public const int MaxConsecutiveThrottles = 20;

    /// <summary>Findings aggregated.</summary>
    [Output(Description = "Findings collected")]
    public int FindingsCollected { get; set; }

    /// <summary>Times AWS throttled the collection.</summary>
    [Output(Description = "Throttled answers")]
    public int Throttled { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        var region = DiagnosisAccess.Region(context.Services);
        var store = Store(context);
        var run = await store.EnsureRunAsync(context.InstanceId, ApplicationIdOf(context), CompanyId, AccountId, region, [], ct);
        FindingsCollected = run.FindingsCollected;
        Throttled = run.Throttled;
        if (run.CollectedAt is not null)
        {
            return ActivityResult.Done(); // a redelivered job after the last page: nothing left to read
        }

        var calls = DiagnosisCallLog.From(run.Calls);
        var resources = await store.ResourceCountsAsync(context.InstanceId, ct);
        var connection = await DiagnosisAccess.ConnectAsync(context.Services, CompanyId, AccountId, fresh: false, ct);
        var filters = AwsSecurityFindingFilters.ActiveFor(AccountId);
        var token = run.NextToken;
        var pages = run.Pages;
        var throttledInARow = 0;
        var total = await DiagnosisFindingTotal.CountAsync(connection.SecurityHub(region), filters, calls, context.InstanceId, ct);
        context.ReportProgress(FindingsCollected, total, Message(FindingsCollected, total, null));
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            GetFindingsResponse response;
            try
            {
                calls.Count("securityhub:GetFindings");
                response = await connection.SecurityHub(region).GetFindingsPageAsync(
                    new GetFindingsRequest { Filters = filters, MaxResults = 100, NextToken = token }, ct);
                throttledInARow = 0;
            }
            catch (AwsIntegrationException throttled) when (throttled.Kind == AwsErrorKind.Throttled && throttledInARow < MaxConsecutiveThrottles)
            {
                throttledInARow++;
                Throttled++;
                var wait = throttled.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, throttledInARow)));
                context.ReportProgress(FindingsCollected, total, Message(FindingsCollected, total, wait));
                await Task.Delay(wait, context.Time, ct);
                continue;
            }
            catch (AwsIntegrationException expired) when (expired.Kind == AwsErrorKind.CredentialsExpired)
            {
                connection = await DiagnosisAccess.ConnectAsync(context.Services, CompanyId, AccountId, fresh: true, ct);
                continue;
            }
            catch (AwsAccessDeniedException denied)
            {
                return await DeniedAsync(context, denied);
            }

            var page = new FindingAggregator(resources);
            foreach (var finding in response.Findings)
            {
                page.Add(finding);
            }

            var next = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
            var now = context.Time.GetUtcNow();
            if (!await store.WritePageAsync(context.InstanceId, pages, page, next, next is null ? now : null, Throttled, calls, now, ct))
            {
                throw new InvalidOperationException("The collection's checkpoint moved under this worker (another worker took over); this attempt stops.");
            }

            pages++;
            token = next;
            FindingsCollected += page.Findings;
            // Findings can appear or resolve while the pages are read: the total never reads below what was collected.
            var shown = next is null ? FindingsCollected : total is { } t ? Math.Max(t, FindingsCollected) : (int?)null;
            context.ReportProgress(FindingsCollected, shown, Message(FindingsCollected, shown, null));
            if (next is null)
            {
                return ActivityResult.Done();
            }
        }
    }

    /// <summary>"3,200 / 9,870 findings" (or "3,200 findings" without a total), plus the back-off when AWS throttles.</summary>
    public static string Message(int collected, int? total, TimeSpan? throttledFor)
    {
        var count = total is { } all
            ? string.Create(CultureInfo.InvariantCulture, $"{collected:N0} / {all:N0} findings")
            : string.Create(CultureInfo.InvariantCulture, $"{collected:N0} findings");
        return throttledFor is { } wait
            ? string.Create(CultureInfo.InvariantCulture, $"{count}; AWS is throttling, retrying in {Math.Ceiling(wait.TotalSeconds):0} s")
            : count;
    }
}
