using System.Net;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Authorization;

/// <summary>
/// Every endpoint of the app against every kind of user (MFA-1, USER-1, tenant isolation):
/// the endpoints come from the app's EndpointDataSource, so an endpoint without a row fails.
/// </summary>
[RunsLong(25)]
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
        var world = await AuthorizationWorld.CreateAsync(app);

        var failures = new List<string>();
        foreach (var (asker, account) in world.Accounts)
        {
            using var client = new PortalClient(app);
            if (account is not null)
            {
                await client.SignInAsync(account);
            }

            foreach (var (pattern, (url, expected)) in AuthorizationTable.Rows)
            {
                var path = world.Fill(url);
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
