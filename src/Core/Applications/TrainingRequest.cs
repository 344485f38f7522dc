using System.Text.Json;
using CloudpackPlus.Core.Errors;

namespace CloudpackPlus.Core.Applications;

/// <summary>A period in which the customer would like the training.</summary>
public sealed record WishedPeriod(DateOnly From, DateOnly To);

/// <summary>
/// TRAIN-1: what a company asks for when applying for a training: a topic of the menu, its goals,
/// one to three wished periods and the expected number of participants.
/// </summary>
public sealed record TrainingRequest(Guid TopicId, string Goals, IReadOnlyList<WishedPeriod> WishedPeriods, int Participants)
{
    public const int MaxGoalsLength = 2000;

    public const int MaxPeriods = 3;

    public const int MaxParticipants = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every problem, as (field, Japanese, English); empty when valid.</summary>
    public IReadOnlyList<(string Field, string Ja, string En)> Problems(DateOnly today, IReadOnlyCollection<Guid> activeTopics)
    {
        ArgumentNullException.ThrowIfNull(activeTopics);
        var problems = new List<(string, string, string)>();
        if (!activeTopics.Contains(TopicId))
        {
            problems.Add((nameof(TopicId), "トレーニングメニューから題目を選んでください。", "Choose a topic from the training menu."));
        }

        if (string.IsNullOrWhiteSpace(Goals) || Goals.Length > MaxGoalsLength)
        {
            problems.Add((nameof(Goals), $"受講の目的・ゴールを{MaxGoalsLength}文字以内で入力してください。", $"Describe the goals in up to {MaxGoalsLength} characters."));
        }

        if (WishedPeriods.Count is 0 or > MaxPeriods)
        {
            problems.Add((nameof(WishedPeriods), $"希望時期を1〜{MaxPeriods}件入力してください。", $"Give one to {MaxPeriods} wished periods."));
        }

        foreach (var (period, index) in WishedPeriods.Select((p, i) => (p, i + 1)))
        {
            if (period.From < today || period.To < period.From || period.To > today.AddYears(1))
            {
                problems.Add((nameof(WishedPeriods), $"希望時期{index}: 今日以降の開始日と、開始日以降1年以内の終了日を入力してください。",
                    $"Wished period {index}: start today or later and end on or after the start, within a year."));
            }
        }

        if (Participants is < 1 or > MaxParticipants)
        {
            problems.Add((nameof(Participants), $"参加予定人数は1〜{MaxParticipants}名で入力してください。", $"Participants must be 1 to {MaxParticipants}."));
        }

        return problems;
    }

    /// <summary>Refuses an invalid request with every problem in the message.</summary>
    public void Validate(DateOnly today, IReadOnlyCollection<Guid> activeTopics)
    {
        var problems = Problems(today, activeTopics);
        if (problems.Count > 0)
        {
            throw new ProgrammeRuleException("training_request_invalid", string.Join(" ", problems.Select(p => p.Ja)), string.Join(" ", problems.Select(p => p.En)));
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainingRequest? FromJson(string json) => JsonSerializer.Deserialize<TrainingRequest>(json, Json);
}
