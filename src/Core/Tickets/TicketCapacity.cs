using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Tickets;

/// <summary>WEB-4: what counts against a service's yearly capacity, for the ledger's check and the catalogue's display alike.</summary>
internal static class TicketCapacity
{
    /// <summary>Reservations of the fiscal year for the service that are not released, across all companies.</summary>
    public static Task<int> CountUsedCapacityAsync(this CoreDbContext db, string serviceId, int fiscalYear, CancellationToken cancellationToken) =>
        db.TicketReservations.IgnoreQueryFilters()
            .CountAsync(r => r.ServiceId == serviceId && r.FiscalYear == fiscalYear && r.Status != TicketReservationStatus.Released, cancellationToken);
}
