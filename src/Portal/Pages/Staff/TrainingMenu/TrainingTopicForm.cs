using CloudpackPlus.Core.Applications;

namespace CloudpackPlus.Portal.Pages.Staff.TrainingMenu;

/// <summary>
/// The fields staff enter for a training topic. No validation attributes on purpose:
/// <see cref="TrainingMenuService.SaveAsync"/> owns the rules, and the page shows its message
/// (strings are nullable so that an empty field reaches the service instead of MVC's implicit,
/// English-only "required" error).
/// </summary>
public sealed class TrainingTopicForm
{
    public string? TitleJa { get; set; }

    public string? TitleEn { get; set; }

    public string? DescriptionJa { get; set; }

    public string? DescriptionEn { get; set; }

    public TrainingFormat Format { get; set; } = TrainingFormat.Seminar;

    public int DurationMinutes { get; set; } = 120;

    public bool IsActive { get; set; } = true;

    public int SortOrder { get; set; }

    public static TrainingTopicForm From(TrainingTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return new TrainingTopicForm
        {
            TitleJa = topic.TitleJa, TitleEn = topic.TitleEn, DescriptionJa = topic.DescriptionJa, DescriptionEn = topic.DescriptionEn,
            Format = topic.Format, DurationMinutes = topic.DurationMinutes, IsActive = topic.IsActive, SortOrder = topic.SortOrder,
        };
    }

    /// <summary>The topic to save: the given id for an edit, a new id for a new topic.</summary>
    public TrainingTopic ToTopic(Guid? id)
    {
        var topic = id is { } existing
            ? new TrainingTopic { Id = existing, TitleJa = TitleJa ?? "", TitleEn = TitleEn ?? "" }
            : new TrainingTopic { TitleJa = TitleJa ?? "", TitleEn = TitleEn ?? "" };
        topic.DescriptionJa = DescriptionJa ?? "";
        topic.DescriptionEn = DescriptionEn ?? "";
        topic.Format = Format;
        topic.DurationMinutes = DurationMinutes;
        topic.IsActive = IsActive;
        topic.SortOrder = SortOrder;
        return topic;
    }
}
