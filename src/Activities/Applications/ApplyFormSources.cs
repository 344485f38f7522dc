using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Activities.Applications;

/// <summary>TRAIN-1: the active topics of the training menu, with their title and duration for the workflow.</summary>
internal sealed class TrainingTopicOptions(TrainingMenuService menu) : IFormOptionSource
{
    public string Name => FormOptions.TrainingTopicsSource;

    public async Task<IReadOnlyList<FormOption>> ListAsync(Guid companyId, CancellationToken cancellationToken) =>
        (await menu.ListAsync(cancellationToken: cancellationToken)).Select(FormOptions.Of).ToList();
}

/// <summary>ELIG-3: the AWS accounts linked to the company, for <c>account</c> fields.</summary>
internal sealed class LinkedAccountOptions(AwsAccountService accounts) : IFormOptionSource
{
    public string Name => IFormOptionSource.AccountSource;

    public async Task<IReadOnlyList<FormOption>> ListAsync(Guid companyId, CancellationToken cancellationToken) =>
        (await accounts.ListAsync(companyId, cancellationToken)).Select(FormOptions.Of).ToList();
}

/// <summary>
/// The options the built-in sources make of their rows, in one place for the sources and for a page that read the rows
/// in its own batch (the customer's application page, issue #17).
/// </summary>
public static class FormOptions
{
    /// <summary>The training menu's source name (<c>optionsFrom</c> in a form schema).</summary>
    public const string TrainingTopicsSource = "training-topics";

    /// <summary>A training topic, with its title and duration for the workflow (<c>topicOption.durationMinutes</c>).</summary>
    public static FormOption Of(TrainingTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return new FormOption(topic.Id.ToString(), topic.TitleJa, topic.TitleEn, new Dictionary<string, object?>
        {
            ["title"] = topic.TitleJa, ["titleEn"] = topic.TitleEn, ["durationMinutes"] = topic.DurationMinutes, ["format"] = topic.Format.ToString(),
        });
    }

    /// <summary>A linked AWS account: its id, with its display name when it has one.</summary>
    public static FormOption Of(AwsAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var label = account.DisplayName is { Length: > 0 } name ? $"{account.AccountId} ({name})" : account.AccountId;
        return new FormOption(account.AccountId, label, label, new Dictionary<string, object?> { ["displayName"] = account.DisplayName });
    }
}
