using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Ops_InstanceListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_instances_created_at",
                schema: "wf",
                table: "instances",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_instances_created_at",
                schema: "wf",
                table: "instances");
        }
    }
}
