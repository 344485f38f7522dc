using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;

namespace CloudpackPlus.Portal.Tests.Authorization;

/// <summary>
/// The staff console's POST handlers against every kind of user (the GET table cannot post): customers —
/// a member, the company's representative and another company's representative — are refused every one;
/// a CSM or CSM lead is refused the admin pages; staff get a 4xx for the probe's empty or unknown values,
/// never a 500, and nothing changes.
/// </summary>
public sealed class StaffPostHandlerTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    //                                            Member    Rep       OtherRep  Csm       CsmLead   Admin
    private static readonly string[] StaffForm = ["denied", "denied", "denied", "4xx", "4xx", "4xx"];
    private static readonly string[] AdminForm = ["denied", "denied", "denied", "denied", "denied", "4xx"];

    private static readonly (string Url, string[] Expected)[] Rows =
    [
        ("/Staff/Companies/Create", StaffForm),
        ("/Staff/Companies/{company}?handler=Edit", StaffForm),
        ("/Staff/Companies/{company}?handler=AssignCsms", StaffForm),
        ("/Staff/Companies/{company}?handler=Enrol", StaffForm),
        ("/Staff/Companies/{company}?handler=Suspend", StaffForm),
        ("/Staff/Companies/{company}?handler=Reinstate", StaffForm),
        ("/Staff/Companies/{company}?handler=AddContract", StaffForm),
        ("/Staff/Companies/{company}?handler=EndContract&contractId={unknown}", StaffForm),
        ("/Staff/Companies/{company}?handler=LinkAccount", StaffForm),
        ("/Staff/Companies/{company}?handler=Maintenance&awsAccountId={unknown}", StaffForm),
        ("/Staff/Companies/{company}?handler=Unlink&awsAccountId={unknown}", StaffForm),
        ("/Staff/Companies/{company}?handler=Issue", StaffForm),
        ("/Staff/Companies/{company}?handler=Reissue&userId={unknown}", StaffForm),
        ("/Staff/Companies/{company}?handler=ResetMfa&userId={unknown}", StaffForm),
        ("/Staff/Companies/{unknown}?handler=Edit", StaffForm),
        // Marking someone else away is for leads and admins; an unknown person is refused as not staff.
        ("/Staff/Team?handler=Away&personId={unknown}&away=true", ["denied", "denied", "denied", "denied", "4xx", "4xx"]),
        // Ranks and tickets: amounts and overrides are the admins' (the handler refuses others), adjustments any staff's.
        ("/Staff/Companies/{company}/Ranks?handler=Amount", AdminForm),
        ("/Staff/Companies/{company}/Ranks?handler=Override", AdminForm),
        ("/Staff/Companies/{company}/Ranks?handler=Adjust", StaffForm),
        ("/Staff/Companies/{unknown}/Ranks?handler=Adjust&direction=grant&tickets=1&reason=x", StaffForm),
        ("/Staff/Ranks", AdminForm),
        ("/Staff/Ranks/Import?handler=Upload", AdminForm),
        ("/Staff/Ranks/Import?handler=Confirm&batchId={unknown}", AdminForm),
        ("/Staff/Calendar?handler=Preview", AdminForm),
        ("/Staff/Calendar?handler=Save", AdminForm),
        ("/Staff/Calendar?handler=Remove&date=2031-01-06", AdminForm),
        ("/Staff/Staff?handler=Create", AdminForm),
        ("/Staff/Staff?handler=Disable&userId={unknown}", AdminForm),
        ("/Staff/Staff?handler=Enable&userId={unknown}", AdminForm),
        ("/Staff/Inquiries/{unknown}?handler=Message", StaffForm),
        ("/Staff/Inquiries/{unknown}?handler=Assign", StaffForm),
        ("/Staff/Inquiries/{unknown}?handler=Close", StaffForm),
        ("/Staff/Inquiries/Redirects", AdminForm),
        ("/Staff/Quotes?handler=Outcome", StaffForm),
        ("/Staff/Basic/Start/{company}", StaffForm),
        ("/Staff/Basic/Start/{unknown}", StaffForm),
        ("/Staff/Catalogue/Edit/COST-L", AdminForm),
        ("/Staff/Catalogue/Edit/COST-L?handler=Withdraw", AdminForm),
        ("/Staff/Catalogue/Edit/COST-L?handler=Reinstate", AdminForm),
        ("/Staff/Catalogue/Edit/NO-SUCH", AdminForm),
        ("/Staff/Instances/{unknown}?handler=Retry&incidentId={unknown}", StaffForm),
        ("/Staff/Instances/{unknown}?handler=Cancel", StaffForm),
        ("/Staff/Instances/{unknown}?handler=Complete&taskId={unknown}", StaffForm),
        ("/Staff/Instances/Migrate?handler=DryRun", AdminForm),
        ("/Staff/Instances/Migrate?handler=Apply", AdminForm),
        // The workflow designer (issue #16): every handler is the admins'; a form post to a JSON handler is a 415.
        ("/Staff/Workflows?handler=Import", AdminForm),
        ("/Staff/Workflows?handler=Duplicate", AdminForm),
        ("/Staff/Workflows?handler=Duplicate&source=aws-training&newId=Bad%20Id", AdminForm),
        ("/Staff/Workflows/Edit/aws-training?handler=Save", AdminForm),
        ("/Staff/Workflows/Edit/aws-training?handler=Publish", AdminForm),
        ("/Staff/Workflows/Edit/aws-training?handler=Validate", AdminForm),
        ("/Staff/Workflows/Edit/aws-training?handler=Expression", AdminForm),
        ("/Staff/Workflows/Edit/aws-training?handler=Form", AdminForm),
        ("/Staff/Workflows/ApplyForm/TRAIN-1", AdminForm),
        ("/Staff/Workflows/ApplyForm/TRAIN-1?handler=Form", AdminForm),
    ];

    [Fact]
    public async Task EveryStaffPostHandler_RefusesCustomers_AndAdminPagesRefuseCsms_WithoutA500()
    {
        var a = await app.CreateCompanyAsync("POSTA", "投稿 A 株式会社");
        var b = await app.CreateCompanyAsync("POSTB", "投稿 B 株式会社");
        var askers = new (string Name, TestAccount Account)[]
        {
            ("member", await app.CreateAccountAsync(a, PersonRole.Member, "member@posta.example.jp")),
            ("representative", await app.CreateAccountAsync(a, PersonRole.Representative, "rep@posta.example.jp")),
            ("other representative", await app.CreateAccountAsync(b, PersonRole.Representative, "rep@postb.example.jp")),
            ("csm", await app.CreateAccountAsync(null, PersonRole.Csm, "csm@post.cloudpack.example.jp")),
            ("csm lead", await app.CreateAccountAsync(null, PersonRole.CsmLead, "lead@post.cloudpack.example.jp")),
            ("admin", await app.CreateAccountAsync(null, PersonRole.Admin, "admin@post.cloudpack.example.jp")),
        };
        var before = await SnapshotAsync();

        var failures = new List<string>();
        for (var i = 0; i < askers.Length; i++)
        {
            using var client = new PortalClient(app);
            await client.SignInAsync(askers[i].Account);
            foreach (var (template, expected) in Rows)
            {
                var url = template.Replace("{company}", a.ToString(), StringComparison.Ordinal).Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
                // The token comes from a page every signed-in user may open: the handler's own authorization decides.
                using var response = await client.PostFormAsync("/Settings", new Dictionary<string, string>(), url);
                var actual = Describe(response);
                if (actual != expected[i])
                {
                    failures.Add($"{askers[i].Name,-22} POST {template}: expected {expected[i]}, got {actual}");
                }
            }
        }

        Assert.True(failures.Count == 0, "POST handler mismatches:\n" + string.Join("\n", failures));
        Assert.Equal(before, await SnapshotAsync());
    }

    private async Task<string> SnapshotAsync() =>
        await app.Database.ScalarAsync<string>(
            "SELECT concat_ws('|', (SELECT string_agg(code || status || coalesce(owning_csm_id::text, '-'), ',' ORDER BY code) FROM core.companies), " +
            "(SELECT count(*) FROM core.contracts), (SELECT count(*) FROM core.aws_accounts), " +
            "(SELECT string_agg(id || ticket_cost || is_active, ',' ORDER BY id) FROM core.catalogue_entries), (SELECT count(*) FROM core.people WHERE is_away), " +
            "(SELECT count(*) FROM core.annual_transactions), (SELECT count(*) FROM core.rank_assignments), (SELECT count(*) FROM core.ticket_ledger), " +
            "(SELECT count(*) FROM core.rank_thresholds), (SELECT count(*) FROM core.calendar_overrides), (SELECT count(*) FROM core.amount_import_batches), " +
            "(SELECT count(*) FROM identity.users WHERE lockout_end IS NOT NULL), " +
            "(SELECT count(*) FROM core.basic_service_proposals), (SELECT count(*) FROM core.inquiry_redirect_texts), (SELECT count(*) FROM core.quote_requests WHERE outcome <> 'Pending'), " +
            "(SELECT count(*) FROM wf.definitions), (SELECT count(*) FROM wf.draft_revisions))") ?? "";

    private static string Describe(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!;
            var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
            return path == "/Account/AccessDenied" ? "denied" : "->" + path;
        }

        return status is >= 400 and < 500 ? "4xx" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
