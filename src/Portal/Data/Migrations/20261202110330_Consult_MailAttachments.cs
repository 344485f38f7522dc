using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Consult_MailAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "attachments",
                schema: "identity",
                table: "mail_outbox",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "attachments",
                schema: "identity",
                table: "mail_outbox");
        }
    }
}
