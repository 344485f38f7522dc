using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Core.Tests.Tickets;

public sealed class TicketConcurrencyTests(CoreDatabaseFixture database) : IClassFixture<CoreDatabaseFixture>
{
    [Fact]
    [Trait("Spec", "TKT-4")]
    public async Task ParallelSpends_AgainstOneBalance_NeverOverdraw()
    {
        await using var host = new CoreTestHost(database, CoreTestHost.Jst(2025, 6, 2));
        var admin = await host.CreateStaffAsync();
        var company = await host.CreateEnrolledCompanyAsync(Rank.Gold, admin); // 15 tickets
        const int attempts = 24;
        using var start = new ManualResetEventSlim();

        // Each attempt has its own scope, context and connection, released together.
        var tasks = Enumerable.Range(0, attempts).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await host.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(company, Guid.NewGuid(), 2, "TRAIN-1", null)));
                return true;
            }
            catch (InsufficientTicketsException error)
            {
                Assert.True(error.Balance < 2, $"refused with balance {error.Balance}");
                return false;
            }
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(7, results.Count(ok => ok));
        Assert.Equal(1, await host.With<TicketLedger, int>(l => l.GetBalanceAsync(company, new FiscalYear(2025))));
        var history = await host.With<TicketLedger, IReadOnlyList<TicketHistoryLine>>(l => l.GetHistoryAsync(company, new FiscalYear(2025)));
        Assert.All(history, line => Assert.True(line.BalanceAfter >= 0));
        Assert.Equal(7, history.Count(h => h.Kind == TicketEntryKind.Spend));
    }
}
