namespace CloudpackPlus.Workflows.Tasks;

/// <summary>One option of a choice whose options come from a named source, with attributes the workflow may use.</summary>
/// <param name="Value">The submitted value.</param>
/// <param name="LabelJa">The label in Japanese.</param>
/// <param name="LabelEn">The label in English.</param>
/// <param name="Attributes">Extra values handed to the workflow with the choice (e.g. a topic's duration).</param>
public sealed record FormOption(string Value, string LabelJa, string LabelEn, IReadOnlyDictionary<string, object?>? Attributes = null)
{
    /// <summary>The label in the reader's language.</summary>
    public string LabelIn(bool japanese) => japanese ? LabelJa : LabelEn;
}

/// <summary>
/// A named source of options for form fields (<c>"optionsFrom": "training-topics"</c>; <c>account</c> fields use
/// <see cref="AccountSource"/>). Options may depend on the applying company.
/// </summary>
public interface IFormOptionSource
{
    /// <summary>The source every <c>account</c> field reads: the company's linked AWS accounts.</summary>
    public const string AccountSource = "aws-accounts";

    /// <summary>The name schemas use.</summary>
    string Name { get; }

    /// <summary>The options offered to this company now.</summary>
    Task<IReadOnlyList<FormOption>> ListAsync(Guid companyId, CancellationToken cancellationToken);
}
