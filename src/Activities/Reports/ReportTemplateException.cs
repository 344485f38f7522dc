namespace CloudpackPlus.Activities.Reports;

/// <summary>A report template that does not parse: the first error with its line and column (1-based).</summary>
public sealed class ReportTemplateException : Exception
{
    /// <summary>Creates the refusal.</summary>
    public ReportTemplateException(int line, int column, string error)
        : base($"({line},{column}): {error}")
    {
        Line = line;
        Column = column;
        Error = error;
    }

    /// <summary>Creates the refusal without a position.</summary>
    public ReportTemplateException()
        : this(0, 0, "invalid template")
    {
    }

    /// <summary>Creates the refusal without a position.</summary>
    public ReportTemplateException(string message)
        : this(0, 0, message)
    {
    }

    /// <summary>Creates the refusal without a position.</summary>
    public ReportTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = message;
    }

    /// <summary>1-based line of the first error.</summary>
    public int Line { get; }

    /// <summary>1-based column of the first error.</summary>
    public int Column { get; }

    /// <summary>Scriban's message, without the position.</summary>
    public string Error { get; } = "";
}
