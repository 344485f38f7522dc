namespace CloudpackPlus.Activities.Reports;

/// <summary>
/// Optional companion of <see cref="IReportModelSource"/>: a made-up model of the same shape, so staff see a live
/// preview of a template they edit without any customer's data. Register it like the model source
/// (<c>services.TryAddEnumerable(ServiceDescriptor.Scoped&lt;IReportSampleSource, X&gt;())</c>); a service without one
/// previews on an empty model.
/// </summary>
public interface IReportSampleSource
{
    /// <summary>The catalogue id of the service (e.g. <c>ACCT-D</c>).</summary>
    string ServiceId { get; }

    /// <summary>A sample model in one language (<c>ja-JP</c> or <c>en-US</c>).</summary>
    ReportModel BuildSample(string culture);
}
