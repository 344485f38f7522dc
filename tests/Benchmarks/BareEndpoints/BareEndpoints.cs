using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudpackPlus.Benchmarks.BareEndpoints;

/// <summary>
/// Issue #17's yardstick: for each customer page, a bare endpoint on a tiny Kestrel app (no MVC, no authentication, no
/// EF) that makes one Npgsql round trip (one batch) reading the same company's data the page shows and writes HTML of
/// about the page's size (<c>?size=</c>, measured from the real page by <see cref="CustomerPagesBenchmark"/>).
/// $1 is the company, $2 the person (the demo representative), $3 an application of the company.
/// </summary>
public static partial class BareEndpoints
{
    public static readonly IReadOnlyDictionary<string, string[]> Pages = new Dictionary<string, string[]>
    {
        ["home"] =
        [
            "SELECT name, status FROM core.companies WHERE id = $1",
            "SELECT remaining FROM core.ticket_balances WHERE company_id = $1 ORDER BY fiscal_year DESC LIMIT 1",
            "SELECT rank FROM core.rank_assignments WHERE company_id = $1 ORDER BY id DESC LIMIT 1",
            "SELECT t.title, t.due_at FROM wf.tasks t WHERE t.company_id = $1 AND t.status IN ('Open', 'Claimed') AND t.role LIKE 'customer-%'",
            "SELECT count(*) FROM core.notifications WHERE recipient_id = $2 AND read_at IS NULL",
        ],
        ["applications"] =
        [
            "SELECT id, number, service_id, status FROM core.applications WHERE company_id = $1 ORDER BY number DESC LIMIT 50",
            "SELECT status, count(*) FROM core.applications WHERE company_id = $1 GROUP BY status",
            "SELECT count(*) FROM core.notifications WHERE recipient_id = $2 AND read_at IS NULL",
        ],
        ["application"] =
        [
            "SELECT a.number, a.service_id, a.status FROM core.applications a WHERE a.id = $3 AND a.company_id = $1",
            "SELECT j.* FROM wf.journal j JOIN core.applications a ON a.workflow_instance_id = j.instance_id WHERE a.id = $3 AND a.company_id = $1",
            "SELECT t.title, t.status, t.form_schema FROM wf.tasks t JOIN core.applications a ON a.workflow_instance_id = t.instance_id WHERE a.id = $3 AND a.company_id = $1",
            "SELECT m.body, m.created_at FROM core.application_messages m WHERE m.application_id = $3 AND m.company_id = $1",
            "SELECT count(*) FROM core.notifications WHERE recipient_id = $2 AND read_at IS NULL",
        ],
        ["services"] =
        [
            "SELECT id, name_ja, description_ja, ticket_cost FROM core.catalogue_entries WHERE is_active ORDER BY sort_order",
            "SELECT remaining FROM core.ticket_balances WHERE company_id = $1 ORDER BY fiscal_year DESC LIMIT 1",
            "SELECT type FROM core.contracts WHERE company_id = $1",
            "SELECT count(*) FROM core.notifications WHERE recipient_id = $2 AND read_at IS NULL",
        ],
        ["inquiries"] =
        [
            "SELECT number, subject, status, opened_at FROM core.inquiries WHERE company_id = $1 ORDER BY opened_at DESC",
            "SELECT count(*) FROM core.notifications WHERE recipient_id = $2 AND read_at IS NULL",
        ],
        ["company"] =
        [
            "SELECT name, status FROM core.companies WHERE id = $1",
            "SELECT at, kind, amount, reason FROM core.ticket_ledger WHERE company_id = $1 ORDER BY id",
            "SELECT account_id, display_name, linked_at FROM core.aws_accounts WHERE company_id = $1 AND unlinked_at IS NULL",
            "SELECT count(*) FROM core.notifications WHERE recipient_id = $2 AND read_at IS NULL",
        ],
        ["reports"] =
        [
            "SELECT r.service_id, r.generated_at, r.size, a.number FROM core.reports r JOIN core.applications a ON a.id = r.application_id WHERE r.company_id = $1 ORDER BY r.generated_at DESC LIMIT 25",
            "SELECT count(*) FROM core.notifications WHERE recipient_id = $2 AND read_at IS NULL",
        ],
        ["notifications"] =
        [
            "SELECT title_ja, body_ja, link, created_at, read_at FROM core.notifications WHERE recipient_id = $2 ORDER BY created_at DESC LIMIT 31",
            "SELECT count(*) FROM core.notifications WHERE recipient_id = $2 AND read_at IS NULL",
        ],
        ["tools"] =
        [
            "SELECT account_id, display_name FROM core.aws_accounts WHERE company_id = $1 AND unlinked_at IS NULL",
            "SELECT account_id, state, support_plan FROM core.aws_tool_connections WHERE company_id = $1",
            "SELECT account_id, tool, fetched_at, payload FROM core.aws_tool_snapshots WHERE company_id = $1",
            "SELECT count(*) FROM core.notifications WHERE recipient_id = $2 AND read_at IS NULL",
        ],
    };

    [GeneratedRegex(@"\$(\d)")]
    private static partial Regex Parameter();

    /// <summary>Serves <c>/bare/{page}?size=N</c> on <paramref name="url"/> until stopped.</summary>
    public static async Task ServeAsync(string url, string connectionString, Guid company, Guid person, Guid application)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var app = builder.Build();
        var ids = new object[] { company, person, application };
        app.MapGet("/bare/{page}", async (string page, int? size, HttpContext context) =>
        {
            if (!Pages.TryGetValue(page, out var statements))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var html = new StringBuilder("<!DOCTYPE html><html lang=\"ja\"><head><title>bare</title></head><body><table>");
            await using (var connection = await source.OpenConnectionAsync(context.RequestAborted))
            await using (var batch = new NpgsqlBatch(connection))
            {
                foreach (var sql in statements)
                {
                    var command = new NpgsqlBatchCommand(sql);
                    var used = Parameter().Matches(sql).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
                    for (var i = 0; i < used; i++)
                    {
                        command.Parameters.Add(new NpgsqlParameter { Value = ids[i] });
                    }

                    batch.BatchCommands.Add(command);
                }

                await using var reader = await batch.ExecuteReaderAsync(context.RequestAborted);
                do
                {
                    while (await reader.ReadAsync(context.RequestAborted))
                    {
                        html.Append("<tr>");
                        for (var i = 0; i < reader.FieldCount; i++)
                        {
                            html.Append("<td>").Append(WebUtility.HtmlEncode(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))).Append("</td>");
                        }

                        html.Append("</tr>");
                    }
                }
                while (await reader.NextResultAsync(context.RequestAborted));
            }

            html.Append("</table>");
            // Pad to the real page's size (its layout, navigation and scripts), in characters of the same UTF-8 weight.
            var target = Math.Clamp(size ?? 0, 0, 1_000_000);
            var bytes = Encoding.UTF8.GetByteCount(html.ToString()) + "</body></html>".Length;
            if (bytes < target)
            {
                html.Append("<p>").Append('x', target - bytes - 7).Append("</p>");
            }

            html.Append("</body></html>");
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
        });
        await app.RunAsync();
    }
}
