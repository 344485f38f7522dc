using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Hardening_TemporaryPasswordExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "temporary_password_expires_at",
                schema: "identity",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            // Temporary passwords already out get the default lifetime from the upgrade on.
            migrationBuilder.Sql("UPDATE identity.users SET temporary_password_expires_at = now() + interval '7 days' WHERE must_change_password");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "temporary_password_expires_at",
                schema: "identity",
                table: "users");
        }
    }
}
