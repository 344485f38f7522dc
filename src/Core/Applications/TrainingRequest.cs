using System.Globalization;
using System.Text.Json;

namespace CloudpackPlus.Core.Applications;

/// <summary>A period in which the customer would like the training.</summary>
public sealed record WishedPeriod(DateOnly From, DateOnly To);

/// <summary>
/// TRAIN-1: a training application in typed form (the demo and tests build one); <see cref="ToFormData"/> gives
/// the data of TRAIN-1's apply form (<c>Catalogue/TrainingApplyForm</c>), which is what the portal posts.
/// </summary>
public sealed record TrainingRequest(Guid TopicId, string Goals, IReadOnlyList<WishedPeriod> WishedPeriods, int Participants)
{
    /// <summary>The apply form's data: topic, goals, the first wished period, the others as text, participants.</summary>
    public Dictionary<string, JsonElement> ToFormData()
    {
        ArgumentNullException.ThrowIfNull(WishedPeriods);
        var data = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["topic"] = TopicId.ToString(),
            ["goals"] = Goals,
            ["participants"] = Participants,
        };
        if (WishedPeriods.Count > 0)
        {
            data["wishedFrom"] = WishedPeriods[0].From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            data["wishedTo"] = WishedPeriods[0].To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (WishedPeriods.Count > 1)
        {
            data["otherPeriods"] = string.Join(" / ", WishedPeriods.Skip(1).Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.From:yyyy-MM-dd}〜{p.To:yyyy-MM-dd}")));
        }

        return data.Where(d => d.Value is not (string { Length: 0 })).ToDictionary(d => d.Key, d => JsonSerializer.SerializeToElement(d.Value), StringComparer.Ordinal);
    }
}
