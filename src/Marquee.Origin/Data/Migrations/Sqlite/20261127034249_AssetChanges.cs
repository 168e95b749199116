using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marquee.Origin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssetChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_media_assets_UpdatedAtMs",
                table: "media_assets",
                column: "UpdatedAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_media_assets_UpdatedAtMs",
                table: "media_assets");
        }
    }
}
