namespace CloudpackPlus.Core.Errors;

/// <summary>Someone else changed the record since it was read (xmin): nothing was saved; reload and try again.</summary>
public sealed class ConcurrencyConflictException()
    : ProgrammeRuleException("concurrency", "他の人が先に変更しました。再読み込みしてからやり直してください。", "Someone else changed this in the meantime. Reload and try again.");
