using System.Net;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Portal.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Authorization;

/// <summary>
/// Every endpoint of the app against every kind of user (MFA-1, USER-1, tenant isolation):
/// the endpoints come from the app's EndpointDataSource, so an endpoint without a row fails.
/// </summary>
public sealed class AuthorizationTableTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    public static IReadOnlyList<string> EndpointPatterns(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void EveryEndpoint_HasADecisionInTheTable()
    {
        var missing = EndpointPatterns(app.Services).Where(p => !AuthorizationTable.Rows.ContainsKey(p)).ToList();

        Assert.True(missing.Count == 0,
            "These endpoints have no row in AuthorizationTable (decide who may call them): " + string.Join(", ", missing.Select(m => $"'{m}'")));
    }

    [Fact]
    public void EveryRowOfTheTable_IsAnEndpoint()
    {
        var patterns = EndpointPatterns(app.Services);
        var stale = AuthorizationTable.Rows.Keys.Where(k => !patterns.Contains(k)).ToList();

        Assert.True(stale.Count == 0, "Rows without an endpoint: " + string.Join(", ", stale));
    }

    [Fact]
    [Trait("Spec", "MFA-1")]
    [Trait("Spec", "USER-1")]
    [Trait("Spec", "WEB-L")]
    [Trait("Spec", "INQ-1")]
    public async Task EveryEndpoint_AnswersEveryKindOfUser_AsTheTableSays()
    {
        var a = await app.CreateCompanyAsync("AUTHA", "権限 A 株式会社");
        var b = await app.CreateCompanyAsync("AUTHB", "権限 B 株式会社");
        var member = await app.CreateAccountAsync(a, PersonRole.Member, "member@autha.example.jp");
        var accounts = new Dictionary<Asker, TestAccount?>
        {
            [Asker.Anonymous] = null,
            [Asker.MfaNotSet] = await app.CreateAccountAsync(a, PersonRole.Member, "nomfa@autha.example.jp", withMfa: false),
            [Asker.Member] = member,
            [Asker.Representative] = await app.CreateAccountAsync(a, PersonRole.Representative, "rep@autha.example.jp"),
            [Asker.OtherCompanysRepresentative] = await app.CreateAccountAsync(b, PersonRole.Representative, "rep@authb.example.jp"),
            [Asker.Csm] = await app.CreateAccountAsync(null, PersonRole.Csm, "csm@auth.cloudpack.example.jp"),
            [Asker.CsmLead] = await app.CreateAccountAsync(null, PersonRole.CsmLead, "lead@auth.cloudpack.example.jp"),
            [Asker.Admin] = await app.CreateAccountAsync(null, PersonRole.Admin, "admin@auth.cloudpack.example.jp"),
            [Asker.Partner] = await app.CreateAccountAsync(null, PersonRole.Partner, "partner@auth.kdsec.example.jp"),
        };
        var training = await app.StartTrainingAsync(a, accounts[Asker.Representative]!, accounts[Asker.Csm]!);
        var (inquiry, inquiryAttachment, cycle) = await InquirySeed.SeedAsync(app, a, member.PersonId, accounts[Asker.Csm]!.PersonId);

        var failures = new List<string>();
        foreach (var (asker, account) in accounts)
        {
            using var client = new PortalClient(app);
            if (account is not null)
            {
                await client.SignInAsync(account);
            }

            foreach (var (pattern, (url, expected)) in AuthorizationTable.Rows)
            {
                var path = url.Replace("{member}", member.UserId.ToString(), StringComparison.Ordinal)
                    .Replace("{company}", a.ToString(), StringComparison.Ordinal)
                    .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                    .Replace("{application}", training.ApplicationId.ToString(), StringComparison.Ordinal)
                    .Replace("{attachment}", training.AttachmentId.ToString(), StringComparison.Ordinal)
                    .Replace("{file}", training.FileId.ToString(), StringComparison.Ordinal)
                    .Replace("{report}", training.ReportId.ToString(), StringComparison.Ordinal)
                    .Replace("{task}", training.CsmTaskId.ToString(), StringComparison.Ordinal)
                    .Replace("{inquiryAttachment}", inquiryAttachment.ToString(), StringComparison.Ordinal)
                    .Replace("{inquiry}", inquiry.ToString(), StringComparison.Ordinal)
                    .Replace("{cycle}", cycle.ToString(), StringComparison.Ordinal);
                // "POST /path" and "PUT /path" rows: endpoints that only take those are checked with an empty JSON body.
                var method = path.StartsWith("POST ", StringComparison.Ordinal) ? "POST" : path.StartsWith("PUT ", StringComparison.Ordinal) ? "PUT" : "GET";
                path = method == "GET" ? path : path[(method.Length + 1)..];
                using var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                using var response = method switch
                {
                    "POST" => await client.Http.PostAsync(new Uri(path, UriKind.Relative), body),
                    "PUT" => await client.Http.PutAsync(new Uri(path, UriKind.Relative), body),
                    _ => await client.GetAsync(path),
                };
                var actual = Describe(response);
                var want = expected[(int)asker];
                if (actual != want)
                {
                    failures.Add($"{asker,-28} {method} {path}: expected {want}, got {actual}");
                }
            }
        }

        Assert.True(failures.Count == 0, "Authorization table mismatches:\n" + string.Join("\n", failures));
    }

    private static string Describe(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var location = response.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        return path switch
        {
            "/Account/Login" when location.OriginalString.Contains("ReturnUrl", StringComparison.OrdinalIgnoreCase) => "login",
            "/Account/Mfa/Enrol" => "mfa",
            "/Account/AccessDenied" => "denied",
            _ => "->" + path,
        };
    }
}
