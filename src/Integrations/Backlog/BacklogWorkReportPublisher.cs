using CloudpackPlus.Integrations.Accounts;
using CloudpackPlus.Integrations.Aws;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Integrations.Backlog;

/// <summary>A work report to post (BAS-4).</summary>
/// <param name="Title">Issue summary.</param>
/// <param name="Body">Report text.</param>
/// <param name="ExistingIssueKey">When set, the report is added as a comment to this issue.</param>
public sealed record WorkReport(string Title, string Body, string? ExistingIssueKey = null);

/// <summary>Where the report went.</summary>
/// <param name="PostedToBacklog">False when the account has no maintenance contract: post the report in the portal.</param>
/// <param name="IssueKey">Issue created or commented.</param>
/// <param name="IssueUrl">Link to the issue.</param>
/// <param name="CommentId">Comment id when added to an existing issue.</param>
public sealed record WorkReportPublication(bool PostedToBacklog, string? IssueKey, Uri? IssueUrl, long? CommentId);

/// <summary>
/// BAS-4: work on an account under a monitoring/maintenance contract is reported in that
/// account's Backlog project; other accounts get their report in the portal.
/// </summary>
public sealed class BacklogWorkReportPublisher(ILinkedAccountDirectory accounts, BacklogClient backlog, IOptions<BacklogOptions> options)
{
    public async Task<WorkReportPublication> PublishAsync(Guid companyId, string accountId, WorkReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var account = await accounts.FindAsync(companyId, accountId, cancellationToken) ?? throw new AwsAccountNotLinkedException(accountId);
        if (!account.UnderMaintenanceContract)
        {
            return new WorkReportPublication(false, null, null, null);
        }

        if (string.IsNullOrWhiteSpace(account.BacklogProjectKey))
        {
            throw new BacklogException($"AWS account {accountId} is under a maintenance contract but has no Backlog project key; set it on the linked account.");
        }

        if (report.ExistingIssueKey is { Length: > 0 } issueKey)
        {
            var comment = await backlog.AddCommentAsync(issueKey, $"{report.Title}\n\n{report.Body}", cancellationToken);
            return new WorkReportPublication(true, issueKey, backlog.IssueUrl(issueKey), comment.Id);
        }

        var project = await backlog.GetProjectAsync(account.BacklogProjectKey, cancellationToken);
        var types = await backlog.GetIssueTypesAsync(account.BacklogProjectKey, cancellationToken);
        var wanted = options.Value.IssueTypeName;
        var type = types.FirstOrDefault(t => string.Equals(t.Name, wanted, StringComparison.Ordinal)) ?? types.FirstOrDefault()
            ?? throw new BacklogException($"Backlog project {account.BacklogProjectKey} has no issue types.");
        var issue = await backlog.CreateIssueAsync(
            new BacklogNewIssue(project.Id, report.Title, type.Id, options.Value.PriorityId, report.Body), cancellationToken);
        return new WorkReportPublication(true, issue.IssueKey, backlog.IssueUrl(issue.IssueKey), null);
    }
}
