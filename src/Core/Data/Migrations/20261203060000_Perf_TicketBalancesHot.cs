using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <summary>
    /// No model change (so no snapshot change). Every ledger entry updates one <c>core.ticket_balances</c> row; with full
    /// pages each update wrote a new index entry and left a dead row elsewhere, so after a burst of entries (a rollover,
    /// a CSV import, the benchmark seed) the dashboard's scan read ~10 times the pages it needed (4,801 rows in 417 pages
    /// and 21,826 index entries for 1,601 live rows of a year). Half-empty pages let PostgreSQL update in place
    /// (heap-only tuples, no index entry: no indexed column changes), and vacuum runs after 2 % dead rows, not 20 %.
    /// </summary>
    [DbContext(typeof(CoreDbContext))]
    [Migration("20261203060000_Perf_TicketBalancesHot")]
    public partial class Perf_TicketBalancesHot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"
ALTER TABLE core.ticket_balances SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_vacuum_threshold = 100, autovacuum_analyze_scale_factor = 0.05);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"
ALTER TABLE core.ticket_balances RESET (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
    autovacuum_analyze_scale_factor);");
        }
    }
}
