namespace CloudpackPlus.Core.Errors;

/// <summary>
/// A programme rule refused an operation. <see cref="Code"/> is stable for callers (the portal
/// maps it to a message and an HTTP status); <see cref="Exception.Message"/> is Japanese UI text
/// and <see cref="MessageEn"/> its English form.
/// </summary>
public class ProgrammeRuleException : Exception
{
    public ProgrammeRuleException(string code, string message, string messageEn)
        : base(message)
    {
        Code = code;
        MessageEn = messageEn;
    }

    public ProgrammeRuleException()
        : this("rule", "操作は許可されていません。", "The operation is not allowed.")
    {
    }

    public ProgrammeRuleException(string message)
        : this("rule", message, message)
    {
    }

    public ProgrammeRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "rule";
        MessageEn = message;
    }

    public string Code { get; }

    public string MessageEn { get; }
}

/// <summary>A referenced company, reservation, staff member or catalogue entry does not exist (or is not visible to the tenant).</summary>
public sealed class NotFoundException(string what, object id)
    : ProgrammeRuleException("not_found", $"{what} が見つかりません: {id}", $"{what} not found: {id}");
