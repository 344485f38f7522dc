using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Staff;

/// <summary>/Staff/Audit: filters (company, actor, kind, dates), paging without a silent cut, CSV export.</summary>
public sealed class AuditLogConsoleTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    [Trait("Spec", "RANK-3")]
    [Trait("Spec", "TKT-4")]
    public async Task TheLog_FiltersByCompanyActorKindAndDate_PagesAndExports()
    {
        var company = await app.CreateCompanyAsync("AUDITA", "監査 A 株式会社");
        var other = await app.CreateCompanyAsync("AUDITB", "監査 B 株式会社");
        using var admin = new PortalClient(app);
        await admin.SignInAsync(await app.CreateAccountAsync(null, PersonRole.Admin, "admin-audit@audit.cloudpack.example.jp"));
        await app.Database.ScalarAsync<object>(
            $"INSERT INTO identity.audit_entries (id, at, actor_email, action, company_id, detail) SELECT gen_random_uuid(), now() - n * interval '1 minute', 'lead@audit.cloudpack.example.jp', 'tickets.adjusted', '{company}', '+' || n || '; 調整' FROM generate_series(1, 55) n");
        await app.Database.ScalarAsync<object>(
            $"INSERT INTO identity.audit_entries (id, at, actor_email, action, company_id, detail) VALUES (gen_random_uuid(), now(), 'other@audit.cloudpack.example.jp', 'ranks.override', '{other}', '=HYPERLINK(1)')");

        var first = await admin.GetPageAsync("/Staff/Audit?company=AUDITA");
        Assert.Equal(25, first.Split("data-test=\"audit-row\"").Length - 1);
        Assert.DoesNotContain("HYPERLINK", first, StringComparison.Ordinal);
        Assert.Contains("data-test=\"next-p\"", first, StringComparison.Ordinal);
        Assert.Equal(25, (await admin.GetPageAsync("/Staff/Audit?company=AUDITA&p=2")).Split("data-test=\"audit-row\"").Length - 1);
        Assert.Equal(5, (await admin.GetPageAsync("/Staff/Audit?company=AUDITA&p=3")).Split("data-test=\"audit-row\"").Length - 1);
        Assert.Equal(5, (await admin.GetPageAsync("/Staff/Audit?company=AUDITA&p=80000000")).Split("data-test=\"audit-row\"").Length - 1);

        var byKind = await admin.GetPageAsync("/Staff/Audit?kind=ranks.override&actor=OTHER@audit");
        Assert.Equal(1, byKind.Split("data-test=\"audit-row\"").Length - 1);
        Assert.Contains("監査 B 株式会社", byKind, StringComparison.Ordinal);
        var none = await admin.GetPageAsync("/Staff/Audit?company=AUDITA&from=2099-01-01");
        Assert.Equal(0, none.Split("data-test=\"audit-row\"").Length - 1);
        // An empty list says so instead of 「0 件中 1 / 1 ページ」 under bare column heads.
        Assert.Contains("該当するものはありません。", System.Net.WebUtility.HtmlDecode(none), StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"pager-p\"", none, StringComparison.Ordinal);
        Assert.Contains("data-test=\"pager-p\"", first, StringComparison.Ordinal);
        Assert.Contains("data-test=\"unknown-company\"", await admin.GetPageAsync("/Staff/Audit?company=NOSUCH"), StringComparison.Ordinal);
        using var badDate = await admin.GetAsync("/Staff/Audit?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);

        using var csv = await admin.GetAsync("/Staff/Audit?handler=Csv&kind=ranks.override");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("at,actor,action,company_id,target_user_id,detail", text, StringComparison.Ordinal);
        Assert.Contains("\"ranks.override\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tickets.adjusted", text, StringComparison.Ordinal);
        // A cell that a spreadsheet would run as a formula is defused.
        Assert.Contains("\"'=HYPERLINK(1)\"", text, StringComparison.Ordinal);
    }
}
