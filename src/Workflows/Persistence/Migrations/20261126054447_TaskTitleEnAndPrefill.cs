using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TaskTitleEnAndPrefill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "prefill",
                schema: "wf",
                table: "tasks",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "title_en",
                schema: "wf",
                table: "tasks",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "prefill",
                schema: "wf",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "title_en",
                schema: "wf",
                table: "tasks");
        }
    }
}
