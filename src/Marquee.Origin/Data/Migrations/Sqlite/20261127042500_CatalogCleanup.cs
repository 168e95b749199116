using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marquee.Origin.Data.Migrations.Sqlite
{
    /// <summary>
    /// Drops the columns the Catalog migration turned into licences, and lets a title exist without media. Apart
    /// from Catalog because SQLite rebuilds the table for these, and a rebuild must not share a migration with SQL.
    /// </summary>
    public partial class CatalogCleanup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Countries",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "Free",
                table: "titles");

            migrationBuilder.AlterColumn<string>(
                name: "AssetId",
                table: "titles",
                type: "TEXT",
                maxLength: 16,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 16);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "AssetId",
                table: "titles",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 16,
                oldNullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Free",
                table: "titles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Countries",
                table: "titles",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");
        }
    }
}
