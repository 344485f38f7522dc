using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Dashboard;

/// <summary>Companies for the dashboard and nudge tests, made through the real services (enrolment grants the rank's tickets).</summary>
internal static class DashboardSeed
{
    /// <summary>A company enrolled at <paramref name="rank"/>, owned by <paramref name="owner"/>, that has spent <paramref name="spent"/> tickets.</summary>
    public static async Task<Guid> CompanyAsync(PortalAppFactory app, string code, string name, Rank rank, TestAccount owner, int spent = 0)
    {
        var id = await app.CreateCompanyAsync(code, name);
        await app.EnrolAsync(id, owner, rank);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE core.companies SET owning_csm_id = {owner.PersonId} WHERE id = {id}");
        if (spent > 0)
        {
            await scope.ServiceProvider.GetRequiredService<TicketLedger>()
                .ReserveAsync(new TicketSpendRequest(id, Guid.CreateVersion7(), spent, "TRAIN-1", owner.PersonId));
        }

        return id;
    }

    /// <summary>The rows of the table <c>data-test="table-{key}"</c> in a page's HTML (cell texts, HTML-decoded).</summary>
    public static List<string[]> Rows(string html, string key)
    {
        var start = html.IndexOf($"data-test=\"table-{key}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"table {key} not on the page");
        var body = html[html.IndexOf("<tbody>", start, StringComparison.Ordinal)..html.IndexOf("</tbody>", start, StringComparison.Ordinal)];
        return [.. System.Text.RegularExpressions.Regex.Matches(body, "<tr>(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => System.Text.RegularExpressions.Regex.Matches(m.Groups[1].Value, "<td[^>]*>(.*?)</td>", System.Text.RegularExpressions.RegexOptions.Singleline)
                .Select(c => System.Net.WebUtility.HtmlDecode(c.Groups[1].Value.Trim())).ToArray())];
    }

    public static PersonRole Csm => PersonRole.Csm;
}
