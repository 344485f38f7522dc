using System.Net;
using CloudpackPlus.Portal.Tests.Authorization;
using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Testing;
using Xunit.Abstractions;

namespace CloudpackPlus.Portal.Tests.Hardening;

/// <summary>
/// Walks every route of the authorization table as a user who may open it and sends boundary and hostile values in
/// every query parameter the page uses (and common ones) and in every field of every form it renders, plus bodies a
/// browser never sends (no antiforgery token, JSON to a form, an oversized field): no answer is a 5xx, and a post that
/// is refused (not redirected) changes nothing in the database.
/// </summary>
[RunsLong(190)]
public sealed class RouteFuzzTests(PortalAppFactory app, ITestOutputHelper output) : IClassFixture<PortalAppFactory>
{
    /// <summary>Who opens a page for the fuzz: the first of these the table lets in.</summary>
    private static readonly Asker[] Preference =
        [Asker.Representative, Asker.Admin, Asker.Csm, Asker.CsmLead, Asker.Member, Asker.Partner, Asker.OtherCompanysRepresentative, Asker.MfaNotSet, Asker.Anonymous];

    [Fact]
    public async Task EveryRouteAndForm_WithHostileValues_NeverAnswers5xx_AndRefusedPostsChangeNothing()
    {
        var world = await AuthorizationWorld.CreateAsync(app, "fuzz");
        var values = FuzzValues.For(world.CompanyB);
        var fuzz = new FuzzRun(values, new DatabaseFingerprint(app.Database.ConnectionString));
        var clients = new Dictionary<Asker, PortalClient>();
        try
        {
            foreach (var (pattern, (url, expected)) in AuthorizationTable.Rows.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var asker = Preference.FirstOrDefault(a => expected[(int)a] == "200", Asker.Anonymous);
                if (!clients.TryGetValue(asker, out var client))
                {
                    client = clients[asker] = new PortalClient(app);
                    if (world.Accounts[asker] is { } account)
                    {
                        await client.SignInAsync(account);
                    }
                }

                await fuzz.RouteAsync(client, asker, world.Fill(url));
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        output.WriteLine($"fuzz: {fuzz.Requests} requests ({fuzz.Gets} GET, {fuzz.Posts} POST/PUT) over {AuthorizationTable.Rows.Count} routes and {fuzz.Forms} forms; {fuzz.Refused} refused posts checked against the database");
        Assert.True(fuzz.Requests > 1000, $"only {fuzz.Requests} requests were tried");
        Assert.True(fuzz.Failures.Count == 0, $"{fuzz.Failures.Count} failures of {fuzz.Requests} requests:\n" + string.Join("\n", fuzz.Failures.Take(60)));
    }
}
