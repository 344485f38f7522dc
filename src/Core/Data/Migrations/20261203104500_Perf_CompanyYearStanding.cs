using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <summary>
    /// No model change (so no snapshot change): <c>core.company_year_standing</c>, one row per company and fiscal year with
    /// everything the customer-success dashboard aggregates about it: the ticket sums (a copy of its
    /// <c>core.ticket_balances</c> row, kept by a trigger on that table), its rank for the year (the latest assignment: the
    /// highest id, as RankService reads it) and its number of basic-service proposals. The dashboard joins the companies
    /// with this one table by primary key instead of three sources (one of them sorted per request): issue #14,
    /// /Staff/Dashboard at 188 ms p95 with 13.7 ms of PostgreSQL CPU per request.
    /// Kept exact in the writer's transaction: the ledger → balances → standing chain runs at each insert; the rank and
    /// proposal triggers are deferred to commit (a rank change followed by its top-up grant takes the ledger's locks before
    /// this row's, in the same order as a concurrent spend: no deadlock) and proposals count +1 / −1 per row, so concurrent
    /// writers add up; the latest assignment wins whatever order concurrent inserts commit in. Assignments are append-only
    /// (inserts only). <c>CompanyYearStandingTests</c> checks the table equals its sources after every kind of change.
    /// </summary>
    [DbContext(typeof(CoreDbContext))]
    [Migration("20261203104500_Perf_CompanyYearStanding")]
    public partial class Perf_CompanyYearStanding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"
CREATE TABLE core.company_year_standing (
    company_id uuid NOT NULL REFERENCES core.companies (id) ON DELETE CASCADE,
    fiscal_year integer NOT NULL,
    rank character varying(16),
    rank_assignment_id bigint,
    proposals integer NOT NULL DEFAULT 0,
    granted integer NOT NULL DEFAULT 0,
    used integer NOT NULL DEFAULT 0,
    lapsed integer NOT NULL DEFAULT 0,
    adjusted integer NOT NULL DEFAULT 0,
    remaining integer NOT NULL DEFAULT 0,
    CONSTRAINT pk_company_year_standing PRIMARY KEY (company_id, fiscal_year))
    WITH (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 100, autovacuum_analyze_scale_factor = 0.05);

CREATE FUNCTION core.company_year_standing_follow_balances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO core.company_year_standing AS s (company_id, fiscal_year, granted, used, lapsed, adjusted, remaining)
    VALUES (NEW.company_id, NEW.fiscal_year, NEW.granted, NEW.used, NEW.lapsed, NEW.adjusted, NEW.remaining)
    ON CONFLICT (company_id, fiscal_year) DO UPDATE SET granted = EXCLUDED.granted, used = EXCLUDED.used,
        lapsed = EXCLUDED.lapsed, adjusted = EXCLUDED.adjusted, remaining = EXCLUDED.remaining;
    RETURN NULL;
END $$;

CREATE FUNCTION core.company_year_standing_follow_ranks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO core.company_year_standing AS s (company_id, fiscal_year, rank, rank_assignment_id)
    VALUES (NEW.company_id, NEW.fiscal_year, NEW.rank, NEW.id)
    ON CONFLICT (company_id, fiscal_year) DO UPDATE SET rank = EXCLUDED.rank, rank_assignment_id = EXCLUDED.rank_assignment_id
        WHERE s.rank_assignment_id IS NULL OR s.rank_assignment_id < EXCLUDED.rank_assignment_id;
    RETURN NULL;
END $$;

CREATE FUNCTION core.company_year_standing_follow_proposals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE core.company_year_standing SET proposals = proposals - 1
        WHERE company_id = OLD.company_id AND fiscal_year = OLD.fiscal_year;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO core.company_year_standing AS s (company_id, fiscal_year, proposals) VALUES (NEW.company_id, NEW.fiscal_year, 1)
        ON CONFLICT (company_id, fiscal_year) DO UPDATE SET proposals = s.proposals + 1;
    END IF;
    RETURN NULL;
END $$;

LOCK TABLE core.ticket_balances, core.rank_assignments, core.basic_service_proposals IN SHARE MODE;
INSERT INTO core.company_year_standing (company_id, fiscal_year, rank, rank_assignment_id, proposals, granted, used, lapsed, adjusted, remaining)
SELECT k.company_id, k.fiscal_year, r.rank, r.id, COALESCE(p.n, 0), COALESCE(b.granted, 0), COALESCE(b.used, 0),
       COALESCE(b.lapsed, 0), COALESCE(b.adjusted, 0), COALESCE(b.remaining, 0)
FROM (SELECT company_id, fiscal_year FROM core.ticket_balances
      UNION SELECT company_id, fiscal_year FROM core.rank_assignments
      UNION SELECT company_id, fiscal_year FROM core.basic_service_proposals) k
LEFT JOIN core.ticket_balances b ON b.company_id = k.company_id AND b.fiscal_year = k.fiscal_year
LEFT JOIN (SELECT DISTINCT ON (company_id, fiscal_year) company_id, fiscal_year, rank, id FROM core.rank_assignments
           ORDER BY company_id, fiscal_year, id DESC) r ON r.company_id = k.company_id AND r.fiscal_year = k.fiscal_year
LEFT JOIN (SELECT company_id, fiscal_year, count(*)::int AS n FROM core.basic_service_proposals GROUP BY company_id, fiscal_year) p
    ON p.company_id = k.company_id AND p.fiscal_year = k.fiscal_year;

CREATE TRIGGER company_year_standing_follow_balances AFTER INSERT OR UPDATE ON core.ticket_balances
    FOR EACH ROW EXECUTE FUNCTION core.company_year_standing_follow_balances();
CREATE CONSTRAINT TRIGGER company_year_standing_follow_ranks AFTER INSERT ON core.rank_assignments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION core.company_year_standing_follow_ranks();
CREATE CONSTRAINT TRIGGER company_year_standing_follow_proposals AFTER INSERT OR DELETE OR UPDATE OF company_id, fiscal_year ON core.basic_service_proposals
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION core.company_year_standing_follow_proposals();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"
DROP TRIGGER IF EXISTS company_year_standing_follow_proposals ON core.basic_service_proposals;
DROP TRIGGER IF EXISTS company_year_standing_follow_ranks ON core.rank_assignments;
DROP TRIGGER IF EXISTS company_year_standing_follow_balances ON core.ticket_balances;
DROP FUNCTION IF EXISTS core.company_year_standing_follow_proposals();
DROP FUNCTION IF EXISTS core.company_year_standing_follow_ranks();
DROP FUNCTION IF EXISTS core.company_year_standing_follow_balances();
DROP TABLE IF EXISTS core.company_year_standing;");
        }
    }
}
