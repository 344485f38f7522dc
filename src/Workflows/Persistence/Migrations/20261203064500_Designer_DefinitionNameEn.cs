using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CloudpackPlus.Workflows.Persistence.Migrations
{
    /// <summary>
    /// Definitions get an English name (issue #16): <c>wf.definitions.name_en</c>, filled from the graphs that carry
    /// <c>nameEn</c>; English readers see it in the lists and the editor (the definition id when there is none).
    /// </summary>
    public partial class Designer_DefinitionNameEn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "name_en",
                schema: "wf",
                table: "definitions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.Sql("UPDATE wf.definitions SET name_en = left(graph->>'nameEn', 200) WHERE graph ? 'nameEn';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "name_en",
                schema: "wf",
                table: "definitions");
        }
    }
}
