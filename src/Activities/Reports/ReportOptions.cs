namespace CloudpackPlus.Activities.Reports;

/// <summary>Settings of the report pipeline (section <c>Reports</c>).</summary>
public sealed class ReportOptions
{
    /// <summary>The headless Chromium that prints PDFs (Debian's <c>chromium</c> package).</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Where <c>_layout.&lt;culture&gt;.sbn</c> and <c>&lt;SERVICE&gt;/report.&lt;culture&gt;.sbn</c> are (shipped beside the assembly).</summary>
    public string TemplateDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "templates", "reports");

    /// <summary>How many Chromium processes may print at once on this host.</summary>
    public int MaxConcurrentPdf { get; set; } = 2;

    /// <summary>How long one PDF may take (start, load, print) before Chromium is killed and the print fails.</summary>
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>The languages every report is made in.</summary>
    public IReadOnlyList<string> Cultures { get; set; } = ["ja-JP", "en-US"];
}
