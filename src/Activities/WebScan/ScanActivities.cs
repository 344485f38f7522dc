using System.Globalization;
using System.Text.RegularExpressions;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Time;
using CloudpackPlus.Core.WebScan;
using CloudpackPlus.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.WebScan;

/// <summary>
/// WEB-L: assigns the application to a partner engineer found by e-mail (a person with the Partner role). Found → the
/// assignment row is written in the step and the engineer's id is the <see cref="PartnerId"/> output (for the scan
/// task's assignee); not found → outcome <c>NotFound</c>, nothing written.
/// </summary>
[Activity("AssignPartner", DisplayNameJa = "パートナーへ割り当て", DisplayNameEn = "Assign to a partner engineer", Category = "Applications",
    Description = "Assigns the application to the partner engineer with this e-mail; the partner then sees this application and nothing else.",
    Outcomes = ["Done", "NotFound"])]
public sealed partial class AssignPartner : Activity
{
    /// <summary>The partner engineer's sign-in e-mail.</summary>
    [Input(Description = "Partner engineer's e-mail", Required = true)]
    public string Email { get; set; } = "";

    /// <summary>The staff member assigning (person id).</summary>
    [Input(Description = "Assigned by (person id)")]
    public string? AssignedBy { get; set; }

    /// <summary>The engineer's person id.</summary>
    [Output(Description = "Partner engineer (person id)")]
    public string? PartnerId { get; set; }

    /// <summary>The engineer's name.</summary>
    [Output(Description = "Partner engineer's name")]
    public string? PartnerName { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (db, application) = await StepApplication.LoadAsync(context);
        var email = (Email ?? "").Trim();
        var partner = await db.People.IgnoreQueryFilters().Where(p => p.Role == PersonRole.Partner && p.Email == email)
            .Select(p => new { p.Id, p.DisplayName }).SingleOrDefaultAsync(context.CancellationToken);
        if (partner is null)
        {
            return ActivityResult.Outcome("NotFound");
        }

        if (!await db.PartnerAssignments.AnyAsync(a => a.ApplicationId == application.Id && a.PartnerId == partner.Id, context.CancellationToken))
        {
            db.PartnerAssignments.Add(new PartnerAssignment
            {
                ApplicationId = application.Id, PartnerId = partner.Id, AssignedAt = context.Time.GetUtcNow(), AssignedBy = AssignedBy,
            });
            await db.SaveChangesAsync(context.CancellationToken);
        }

        PartnerId = partner.Id.ToString();
        PartnerName = partner.DisplayName;
        return ActivityResult.Done();
    }
}

/// <summary>
/// WEB-7: records a scan's statistics — each <c>type: count</c> line, the company's industry and the scan period — and
/// nothing else. Recording again (a reworked report) replaces the application's lines.
/// </summary>
[Activity("RecordScanStatistics", DisplayNameJa = "診断統計の記録", DisplayNameEn = "Record scan statistics", Category = "Applications",
    Description = "Keeps vulnerability type, count, company industry and scan period (WEB-7) for the partner's yearly export.")]
public sealed partial class RecordScanStatistics : Activity
{
    /// <summary>Lines <c>type: count</c> (a list, or text with one line per type).</summary>
    [Input(Description = "Findings: lines 'type: count'")]
    public object? Findings { get; set; }

    /// <summary>First day of the scan (yyyy-MM-dd).</summary>
    [Input(Description = "Scan from (yyyy-MM-dd)", Required = true)]
    public string ScanFrom { get; set; } = "";

    /// <summary>Last day of the scan (yyyy-MM-dd).</summary>
    [Input(Description = "Scan to (yyyy-MM-dd)", Required = true)]
    public string ScanTo { get; set; } = "";

    /// <summary>How many types were recorded.</summary>
    [Output(Description = "Types recorded")]
    public int Types { get; set; }

    /// <summary>Reads <c>type: count</c> lines (also <c>=</c> or a full-width colon); other lines throw.</summary>
    public static IReadOnlyList<(string Type, int Count)> ParseLines(object? findings)
    {
        IEnumerable<string> lines = findings switch
        {
            null => [],
            string text => text.Split('\n'),
            IEnumerable<object?> list => list.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? ""),
            _ => throw new FormatException("Findings must be a list of 'type: count' lines."),
        };
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var match = CountLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"'{line}' is not 'type: count'.");
            }

            var type = match.Groups[1].Value.Trim();
            result[type] = result.GetValueOrDefault(type) + int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        return result.Select(r => (r.Key, r.Value)).ToList();
    }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var from = DateOnly.ParseExact(ScanFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(ScanTo, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var lines = ParseLines(Findings);
        var (db, application) = await StepApplication.LoadAsync(context);
        var industry = await db.Companies.IgnoreQueryFilters().Where(c => c.Id == application.CompanyId).Select(c => c.Industry).SingleAsync(context.CancellationToken);
        await db.ScanFindings.Where(f => f.ApplicationId == application.Id).ExecuteDeleteAsync(context.CancellationToken);
        db.ScanFindings.AddRange(lines.Select(l => new ScanFinding
        {
            ApplicationId = application.Id, FiscalYear = FiscalYear.Of(from).StartYear, VulnerabilityType = l.Type, Count = l.Count,
            Industry = industry ?? "", ScanFrom = from, ScanTo = to < from ? from : to,
        }));
        await db.SaveChangesAsync(context.CancellationToken);
        Types = lines.Count;
        return ActivityResult.Done();
    }

    /// <summary>One <c>type: count</c> line (the form language's <c>label-count</c> format).</summary>
    [GeneratedRegex(@"^(.{1,200}?)\s*[:=：]\s*(\d{1,6})$")]
    private static partial Regex CountLine();
}
