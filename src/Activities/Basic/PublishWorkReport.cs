using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Integrations.Backlog;
using CloudpackPlus.Workflows.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Basic;

/// <summary>
/// BAS-4: the work report of a cycle's improvement work. For an AWS account under a monitoring/maintenance contract it
/// is posted as an issue in that account's Backlog project (exactly once per activation: <c>context.Effects</c>);
/// otherwise (no account, or no contract) it is delivered in the portal. Either way the cycle row records where.
/// </summary>
[Activity("PublishWorkReport", DisplayNameJa = "作業報告(Backlog またはポータル)", DisplayNameEn = "Publish the work report (Backlog or portal)", Category = "Basic service",
    Kind = ActivityKind.Background, MaxAttempts = 3, Outcomes = ["Backlog", "Portal"],
    Description = "Posts the work report to the account's Backlog project when it is under a maintenance contract, else delivers it in the portal (BAS-4).")]
public sealed class PublishWorkReport : Activity
{
    /// <summary>The company.</summary>
    [Input(Description = "Company id", Required = true)]
    public Guid CompanyId { get; set; }

    /// <summary>The 12-digit AWS account id the work concerned, or <c>none</c>.</summary>
    [Input(Description = "AWS account id (or none)")]
    public string? AccountId { get; set; }

    /// <summary>Report title (the Backlog issue's summary).</summary>
    [Input(Description = "Title", Required = true)]
    public string Title { get; set; } = "";

    /// <summary>Report text.</summary>
    [Input(Description = "Report", Required = true)]
    public string Body { get; set; } = "";

    /// <summary>The Backlog issue key when posted there.</summary>
    [Output(Description = "Backlog issue key")]
    public string? IssueKey { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var account = string.IsNullOrWhiteSpace(AccountId) || AccountId == "none" ? null : AccountId.Trim();
        WorkReportPublication publication = new(false, null, null, null);
        if (account is not null)
        {
            publication = await context.Effects.RunOnceAsync("backlog-work-report", async ct =>
            {
                await using var scope = context.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<BacklogWorkReportPublisher>().PublishAsync(CompanyId, account, new WorkReport(Title, Body), ct);
            });
        }

        IssueKey = publication.IssueKey;
        context.CommitWithResult(async step =>
        {
            var core = step.GetDbContext<CoreDbContext>();
            var cycle = await BasicCycleNotes.LoadAsync(core, context.CorrelationId, context.CancellationToken);
            cycle.AwsAccountId = account is null ? null
                : await core.AwsAccounts.IgnoreQueryFilters().Where(a => a.CompanyId == CompanyId && a.AccountId == account && a.UnlinkedAt == null)
                    .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(context.CancellationToken);
            cycle.WorkReport = Body.Trim();
            cycle.ReportedAt = step.Now;
            cycle.BacklogIssueKey = publication.PostedToBacklog ? publication.IssueKey : null;
            cycle.BacklogIssueUrl = publication.PostedToBacklog ? publication.IssueUrl?.ToString() : null;
            await BasicCycleNotes.ToCustomerAsync(core, cycle, step.Now, "basic-work-report",
                publication.PostedToBacklog ? $"作業報告を Backlog({publication.IssueKey})に登録しました" : $"「{cycle.Title}」の作業報告をお届けしました",
                publication.PostedToBacklog ? $"The work report was posted to Backlog ({publication.IssueKey})" : $"The work report for \"{cycle.Title}\" is delivered",
                "", "", context.CancellationToken);
            await core.SaveChangesAsync(context.CancellationToken);
        });
        return ActivityResult.Outcome(publication.PostedToBacklog ? "Backlog" : "Portal");
    }
}
