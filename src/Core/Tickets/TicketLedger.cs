using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Tickets;

/// <summary>An application's request to spend tickets.</summary>
/// <param name="CompanyId">The applying company.</param>
/// <param name="ApplicationId">The idempotency key: a second reserve for it returns the first reservation.</param>
/// <param name="Cost">Tickets to spend (the catalogue entry's cost).</param>
/// <param name="ServiceId">The catalogue entry, for refund rules and yearly capacity.</param>
/// <param name="RequestedBy">The applying user.</param>
public sealed record TicketSpendRequest(Guid CompanyId, Guid ApplicationId, int Cost, string? ServiceId, Guid? RequestedBy);

/// <summary>
/// TKT-3..5: the ticket ledger. Every change is an append-only entry; the balance is their sum;
/// each balance-changing operation locks the company's account row for the fiscal year, so
/// concurrent spends never overdraw. Works inside the caller's transaction when the context has one.
/// </summary>
public sealed class TicketLedger(CoreDbContext db, TimeProvider clock)
{
    /// <summary>Spends the cost from the current fiscal year's balance, held until confirmed or released.</summary>
    /// <exception cref="InsufficientTicketsException">The balance does not cover the cost.</exception>
    /// <exception cref="CompanyNotActiveException">The company is suspended or not enrolled (ELIG-4).</exception>
    public Task<TicketReservation> ReserveAsync(TicketSpendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cost <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Cost, "The cost of an application must be positive.");
        }

        return db.InTransactionAsync(async () =>
        {
            var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == request.CompanyId, cancellationToken)
                ?? throw new NotFoundException("会社", request.CompanyId);
            var now = clock.GetUtcNow();
            var fiscalYear = FiscalYear.Of(now).StartYear;
            await db.LockTicketAccountAsync(company.Id, fiscalYear, now, cancellationToken);

            var existing = await db.TicketReservations.IgnoreQueryFilters()
                .SingleOrDefaultAsync(r => r.ApplicationId == request.ApplicationId, cancellationToken);
            if (existing is not null)
            {
                return existing.CompanyId == company.Id && existing.Cost == request.Cost
                    ? existing
                    : throw new ProgrammeRuleException("reservation_conflict",
                        $"申込 {request.ApplicationId} には別の内容のチケット予約があります。",
                        $"Application {request.ApplicationId} already has a different ticket reservation.");
            }

            await db.Entry(company).ReloadAsync(cancellationToken);
            if (!company.CanApply)
            {
                throw new CompanyNotActiveException(company.Id, company.Status);
            }

            var balance = await db.SumBalanceAsync(company.Id, fiscalYear, cancellationToken);
            if (balance < request.Cost)
            {
                throw new InsufficientTicketsException(company.Id, balance, request.Cost);
            }

            await EnsureCapacityAsync(request.ServiceId, fiscalYear, cancellationToken);

            var reservation = new TicketReservation
            {
                CompanyId = company.Id,
                FiscalYear = fiscalYear,
                ApplicationId = request.ApplicationId,
                ServiceId = request.ServiceId,
                Cost = request.Cost,
                Status = TicketReservationStatus.Held,
                CreatedBy = request.RequestedBy,
                CreatedAt = now,
            };
            db.TicketReservations.Add(reservation);
            db.TicketLedger.Add(new TicketLedgerEntry
            {
                CompanyId = company.Id,
                FiscalYear = fiscalYear,
                Kind = TicketEntryKind.Spend,
                Amount = -request.Cost,
                ReservationId = reservation.Id,
                ApplicationId = request.ApplicationId,
                ServiceId = request.ServiceId,
                ActorId = request.RequestedBy,
                At = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            return reservation;
        }, cancellationToken);
    }

    /// <summary>The application started: the spend stands. Idempotent.</summary>
    public Task<TicketReservation> ConfirmAsync(Guid reservationId, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async () =>
        {
            var reservation = await LockReservationAsync(reservationId, cancellationToken);
            switch (reservation.Status)
            {
                case TicketReservationStatus.Confirmed:
                    return reservation;
                case TicketReservationStatus.Released:
                    throw new ReservationStateException(reservationId, reservation.Status, "confirmed");
            }

            reservation.Status = TicketReservationStatus.Confirmed;
            reservation.ConfirmedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return reservation;
        }, cancellationToken);

    /// <summary>
    /// Gives the reservation's tickets back (TKT-5) with a Refund entry. Idempotent. A customer
    /// cancellation of a service that cannot be cancelled (WEB-3) is refused. A refund into a
    /// fiscal year whose tickets already lapsed lapses at once: tickets never carry over (TKT-2).
    /// </summary>
    public Task<TicketReservation> ReleaseAsync(Guid reservationId, TicketReleaseCause cause, string reason, Guid? by, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async () =>
        {
            var text = StaffGuard.RequireReason(reason);
            var reservation = await LockReservationAsync(reservationId, cancellationToken);
            if (reservation.Status == TicketReservationStatus.Released)
            {
                return reservation;
            }

            // ADV-1: an application's own copy of the rule decides; the catalogue only for a reservation without one.
            if (cause == TicketReleaseCause.CancelledByCustomer && reservation.ServiceId is { } serviceId
                && (await db.Applications.IgnoreQueryFilters().Where(a => a.ReservationId == reservation.Id).Select(a => (bool?)a.CustomerCancellable).SingleOrDefaultAsync(cancellationToken)
                    ?? await db.Catalogue.Where(e => e.Id == serviceId).Select(e => (bool?)e.CustomerCancellable).SingleOrDefaultAsync(cancellationToken)) == false)
            {
                throw new NotCancellableException(serviceId);
            }

            var now = clock.GetUtcNow();
            var account = await db.LockTicketAccountAsync(reservation.CompanyId, reservation.FiscalYear, now, cancellationToken);
            reservation.Status = TicketReservationStatus.Released;
            reservation.ReleasedAt = now;
            reservation.ReleaseCause = cause;
            reservation.ReleaseReason = text;
            db.TicketLedger.Add(Entry(reservation, TicketEntryKind.Refund, reservation.Cost, Localization.StoredMessage.Of(Localization.StoredMessage.Refund, cause, text), by, now));
            if (account.LapsedAt is not null)
            {
                db.TicketLedger.Add(Entry(reservation, TicketEntryKind.Lapse, -reservation.Cost, Localization.StoredMessage.Of(Localization.StoredMessage.LateRefundLapse), null, now));
            }

            await db.SaveChangesAsync(cancellationToken);
            return reservation;
        }, cancellationToken);

    /// <summary>A staff correction (±) with a reason; the balance may not go below zero.</summary>
    public Task<TicketLedgerEntry> AdjustAsync(Guid companyId, FiscalYear fiscalYear, int amount, string reason, Guid staffId, CancellationToken cancellationToken = default) =>
        AdjustAsync(companyId, fiscalYear, amount, reason, staffId, null, cancellationToken);

    /// <summary>
    /// As above, from a form that showed the ledger up to entry <paramref name="expectedLastEntryId"/> (0: none):
    /// an entry written since (someone else's, or the same form posted twice) refuses it as a conflict.
    /// </summary>
    public Task<TicketLedgerEntry> AdjustAsync(Guid companyId, FiscalYear fiscalYear, int amount, string reason, Guid staffId, long? expectedLastEntryId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var text = StaffGuard.RequireReason(reason);
            if (amount == 0)
            {
                throw new ProgrammeRuleException("adjustment_zero", "調整枚数を入力してください。", "An adjustment must change the balance.");
            }

            await db.RequireStaffAsync(staffId, cancellationToken);
            await db.RequireCompanyAsync(companyId, cancellationToken);
            var now = clock.GetUtcNow();
            var account = await db.LockTicketAccountAsync(companyId, fiscalYear.StartYear, now, cancellationToken);
            if (account.LapsedAt is not null)
            {
                throw new ProgrammeRuleException("fiscal_year_closed", $"{fiscalYear} のチケットは失効済みのため調整できません。", $"{fiscalYear}'s tickets have lapsed; it cannot be adjusted.");
            }

            if (expectedLastEntryId is { } expected)
            {
                var last = await db.TicketLedger.IgnoreQueryFilters()
                    .Where(e => e.CompanyId == companyId && e.FiscalYear == fiscalYear.StartYear).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
                if (last != expected)
                {
                    throw new ConcurrencyConflictException();
                }
            }

            var balance = await db.SumBalanceAsync(companyId, fiscalYear.StartYear, cancellationToken);
            if (balance + amount < 0)
            {
                throw new InsufficientTicketsException(companyId, balance, -amount);
            }

            var entry = new TicketLedgerEntry
            {
                CompanyId = companyId, FiscalYear = fiscalYear.StartYear, Kind = TicketEntryKind.Adjustment,
                Amount = amount, Reason = text, ActorId = staffId, At = now,
            };
            db.TicketLedger.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            return entry;
        }, cancellationToken);

    public Task<int> GetBalanceAsync(Guid companyId, CancellationToken cancellationToken = default) =>
        GetBalanceAsync(companyId, FiscalYear.Current(clock), cancellationToken);

    /// <summary>The balance of a fiscal year: the sum of its ledger entries (visible to the tenant).</summary>
    public Task<int> GetBalanceAsync(Guid companyId, FiscalYear fiscalYear, CancellationToken cancellationToken = default) =>
        db.TicketLedger.Where(e => e.CompanyId == companyId && e.FiscalYear == fiscalYear.StartYear)
            .SumAsync(e => e.Amount, cancellationToken);

    /// <summary>CO-1 / TKT-4: the company's ticket history of a fiscal year, oldest first, with the running balance.</summary>
    public async Task<IReadOnlyList<TicketHistoryLine>> GetHistoryAsync(Guid companyId, FiscalYear fiscalYear, CancellationToken cancellationToken = default)
    {
        var entries = await db.TicketLedger.AsNoTracking()
            .Where(e => e.CompanyId == companyId && e.FiscalYear == fiscalYear.StartYear)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var running = 0;
        return entries.Select(e => new TicketHistoryLine(e.Id, e.At, e.Kind, e.Amount, running += e.Amount, e.ServiceId, e.ApplicationId, e.Reason, e.ActorId)).ToList();
    }

    /// <summary>WEB-4: a service's yearly capacity is shared by all companies, so it has its own lock (taken after the company's).</summary>
    private async Task EnsureCapacityAsync(string? serviceId, int fiscalYear, CancellationToken cancellationToken)
    {
        if (serviceId is null)
        {
            return;
        }

        var capacity = await db.Catalogue.Where(e => e.Id == serviceId).Select(e => e.YearlyCapacity).SingleOrDefaultAsync(cancellationToken);
        if (capacity is null)
        {
            return;
        }

        var key = $"capacity:{serviceId}:{fiscalYear}";
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", cancellationToken);
        var used = await db.CountUsedCapacityAsync(serviceId, fiscalYear, cancellationToken);
        if (used >= capacity)
        {
            throw new ServiceCapacityReachedException(serviceId, capacity.Value);
        }
    }

    private async Task<TicketReservation> LockReservationAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM core.ticket_reservations WHERE id = {reservationId} FOR UPDATE", cancellationToken);
        // A query hands back an already tracked entity with its old values; only then is a reload needed.
        var wasTracked = db.TicketReservations.Local.Any(r => r.Id == reservationId);
        var reservation = await db.TicketReservations.SingleOrDefaultAsync(r => r.Id == reservationId, cancellationToken)
            ?? throw new NotFoundException("チケット予約", reservationId);
        if (wasTracked)
        {
            await db.Entry(reservation).ReloadAsync(cancellationToken);
        }

        return reservation;
    }


    private static TicketLedgerEntry Entry(TicketReservation r, TicketEntryKind kind, int amount, string reason, Guid? by, DateTimeOffset at) => new()
    {
        CompanyId = r.CompanyId, FiscalYear = r.FiscalYear, Kind = kind, Amount = amount, ReservationId = r.Id,
        ApplicationId = r.ApplicationId, ServiceId = r.ServiceId, Reason = reason, ActorId = by, At = at,
    };
}

/// <summary>One line of the ticket history with the balance after it.</summary>
public sealed record TicketHistoryLine(
    long Id, DateTimeOffset At, TicketEntryKind Kind, int Amount, int BalanceAfter,
    string? ServiceId, Guid? ApplicationId, string? Reason, Guid? ActorId);
