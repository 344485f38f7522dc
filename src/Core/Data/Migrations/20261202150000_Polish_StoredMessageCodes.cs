using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Core.Data.Migrations
{
    /// <summary>
    /// Data only (no model change, so no snapshot change): the system-written Japanese texts of ledger reasons and
    /// rollover notes become StoredMessage codes, rendered in the reader's language. Text typed by staff stays as typed
    /// (it only becomes the free-text parameter of a refund). The ledger is append-only (TKT-4); its trigger is
    /// suspended for this one rewording, which changes no amount.
    /// </summary>
    [DbContext(typeof(CoreDbContext))]
    [Migration("20261202150000_Polish_StoredMessageCodes")]
    public partial class Polish_StoredMessageCodes : Migration
    {
        private const string Esc = "replace(replace({0}, '%', '%25'), '|', '%7C')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            var ja = string.Format(System.Globalization.CultureInfo.InvariantCulture, Esc, "m[2]");
            var en = string.Format(System.Globalization.CultureInfo.InvariantCulture, Esc,
                "coalesce((SELECT d.name_en FROM core.rank_definitions d WHERE d.name_ja = m[2] LIMIT 1), m[2])");
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Esc, "m[2]");
            migrationBuilder.Sql($@"
ALTER TABLE core.ticket_ledger DISABLE TRIGGER ticket_ledger_append_only;
UPDATE core.ticket_ledger l SET reason = 'msg:ticket.enrolment-grant|' || m[1] || '|' || {ja} || '|' || {en}
  FROM (SELECT id, regexp_match(reason, '^(FY\d+) 入会時付与[(（](.*)[)）]$') AS m FROM core.ticket_ledger) x WHERE x.id = l.id AND x.m IS NOT NULL;
UPDATE core.ticket_ledger l SET reason = 'msg:ticket.annual-grant|' || m[1] || '|' || {ja} || '|' || {en}
  FROM (SELECT id, regexp_match(reason, '^(FY\d+) 年度付与[(（](.*)[)）]$') AS m FROM core.ticket_ledger) x WHERE x.id = l.id AND x.m IS NOT NULL;
UPDATE core.ticket_ledger SET reason = 'msg:ticket.year-lapse|' || substring(reason from '^(FY\d+) 終了により失効$')
  WHERE reason ~ '^FY\d+ 終了により失効$';
UPDATE core.ticket_ledger SET reason = 'msg:ticket.late-refund-lapse' WHERE reason = '年度終了後の返却のため失効';
UPDATE core.ticket_ledger l SET reason = 'msg:ticket.refund|' || CASE m[1]
    WHEN '申込の開始失敗による返却' THEN 'StartFailed' WHEN 'お申し込みをお受けできなかったための返却' THEN 'Rejected'
    WHEN 'お客様のキャンセルによる返却' THEN 'CancelledByCustomer' ELSE 'CancelledByStaff' END || '|' || CASE m[2]
    WHEN 'スタッフによる取消' THEN 'msg:application.cancelled-by-staff' WHEN 'お客様によるキャンセル' THEN 'msg:application.cancelled-by-customer'
    WHEN 'ワークフローの取消 (workflow cancelled)' THEN 'msg:application.workflow-cancelled' ELSE {text} END
  FROM (SELECT id, regexp_match(reason, '^(申込の開始失敗による返却|お申し込みをお受けできなかったための返却|お客様のキャンセルによる返却|当社のキャンセルによる返却): (.*)$') AS m
        FROM core.ticket_ledger) x WHERE x.id = l.id AND x.m IS NOT NULL;
ALTER TABLE core.ticket_ledger ENABLE TRIGGER ticket_ledger_append_only;
UPDATE core.rollover_company_results SET note = 'msg:rollover.basis|' || substring(note from '^(\d+)年') || '|' || replace(substring(note from '¥([0-9,]+) '), ',', '')
  WHERE note ~ '^\d+年の取引実績 ¥[0-9,]+ からランクを決定$';
UPDATE core.rollover_company_results SET note = 'msg:rollover.kept|' || substring(note from '^設定済みのランク[(（](\w+)[)）]を維持$')
  WHERE note ~ '^設定済みのランク[(（]\w+[)）]を維持$';
UPDATE core.rollover_company_results SET note = 'msg:rollover.suspended' WHERE note = '利用停止中のため付与なし';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The codes render in either language; going back leaves them as they are.
        }
    }
}
