using CloudpackPlus.Portal.Identity;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Portal.Data.Migrations
{
    /// <summary>
    /// No model change: every change or deletion of an <c>identity.users</c> row notifies its id on channel
    /// <c>cp_user_changed</c> (at commit), so each host's <c>SessionRowCache</c> drops the row its per-request session
    /// check kept (issue #17: the check cost one SQL round trip on every request).
    /// </summary>
    [DbContext(typeof(PortalIdentityDbContext))]
    [Migration("20261203120000_Session_UserChangeNotifications")]
    public partial class Session_UserChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION identity.notify_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('cp_user_changed', OLD.id::text);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER users_changed_notify AFTER UPDATE OR DELETE ON identity.users
                    FOR EACH ROW EXECUTE FUNCTION identity.notify_user_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER users_changed_notify ON identity.users;
                DROP FUNCTION identity.notify_user_changed();
                """);
        }
    }
}
