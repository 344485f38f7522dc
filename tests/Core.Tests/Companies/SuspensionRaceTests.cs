using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Ranks;
using CloudpackPlus.Core.Tests.Data;
using CloudpackPlus.Core.Tests.Support;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudpackPlus.Core.Tests.Companies;

/// <summary>A suspension takes the ticket account's lock: it never overlaps a reservation in flight.</summary>
public sealed class SuspensionRaceTests(CoreDatabaseFixture database) : IClassFixture<CoreDatabaseFixture>
{
    [Fact]
    [Trait("Spec", "ELIG-4")]
    public async Task Suspension_WaitsForTheReservationInFlight_AndLaterReservationsAreRefused()
    {
        await using var host = new CoreTestHost(database, CoreTestHost.Jst(2025, 6, 2));
        var admin = await host.CreateStaffAsync();
        var company = await host.CreateEnrolledCompanyAsync(Rank.Gold, admin);
        var version = await host.RunAsync(sp => sp.GetRequiredService<CoreDbContext>().Companies.Where(c => c.Id == company).Select(c => c.RowVersion).SingleAsync());
        var reserved = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        // A reservation whose transaction is still open (as inside a workflow step) when the suspension arrives.
        var inFlight = host.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<CoreDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var reservation = await sp.GetRequiredService<TicketLedger>().ReserveAsync(new(company, Guid.NewGuid(), 2, "TRAIN-1", null));
            reserved.SetResult();
            await release.Task;
            await transaction.CommitAsync();
            return reservation.Id;
        });
        await reserved.Task;
        var suspension = host.RunAsync(sp => sp.GetRequiredService<CompanyAdminService>().SuspendAsync(company, version, admin));

        Assert.True(await Eventually.WaitAsync(async () => suspension.IsCompleted || await SessionsWaitingOnALockAsync() > 0));
        Assert.False(suspension.IsCompleted, "the suspension went through while a reservation held the ticket account");
        release.SetResult();
        await inFlight;
        await suspension;

        Assert.Equal(CompanyStatus.Suspended, await host.RunAsync(sp => sp.GetRequiredService<CoreDbContext>().Companies.Where(c => c.Id == company).Select(c => c.Status).SingleAsync()));
        await Assert.ThrowsAsync<CompanyNotActiveException>(() =>
            host.With<TicketLedger, TicketReservation>(l => l.ReserveAsync(new(company, Guid.NewGuid(), 2, "TRAIN-1", null))));
    }

    private async Task<long> SessionsWaitingOnALockAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
