using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Workflows.Tasks;

namespace CloudpackPlus.Activities.Applications;

/// <summary>TRAIN-1: the active topics of the training menu, with their title and duration for the workflow.</summary>
internal sealed class TrainingTopicOptions(TrainingMenuService menu) : IFormOptionSource
{
    public string Name => "training-topics";

    public async Task<IReadOnlyList<FormOption>> ListAsync(Guid companyId, CancellationToken cancellationToken) =>
        (await menu.ListAsync(cancellationToken: cancellationToken)).Select(t => new FormOption(t.Id.ToString(), t.TitleJa, t.TitleEn,
            new Dictionary<string, object?> { ["title"] = t.TitleJa, ["titleEn"] = t.TitleEn, ["durationMinutes"] = t.DurationMinutes, ["format"] = t.Format.ToString() })).ToList();
}

/// <summary>ELIG-3: the AWS accounts linked to the company, for <c>account</c> fields.</summary>
internal sealed class LinkedAccountOptions(AwsAccountService accounts) : IFormOptionSource
{
    public string Name => IFormOptionSource.AccountSource;

    public async Task<IReadOnlyList<FormOption>> ListAsync(Guid companyId, CancellationToken cancellationToken) =>
        (await accounts.ListAsync(companyId, cancellationToken)).Select(a => new FormOption(a.AccountId,
            a.DisplayName is { Length: > 0 } name ? $"{a.AccountId} ({name})" : a.AccountId,
            a.DisplayName is { Length: > 0 } nameEn ? $"{a.AccountId} ({nameEn})" : a.AccountId,
            new Dictionary<string, object?> { ["displayName"] = a.DisplayName })).ToList();
}
