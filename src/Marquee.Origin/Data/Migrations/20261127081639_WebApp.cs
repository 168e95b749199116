using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marquee.Origin.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebApp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "watch_progress",
                columns: table => new
                {
                    ProfileId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PlayableId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TitleId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PositionSeconds = table.Column<double>(type: "REAL", nullable: false),
                    DurationSeconds = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_watch_progress", x => new { x.ProfileId, x.PlayableId });
                    table.ForeignKey(
                        name: "FK_watch_progress_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_watch_progress_ProfileId_TitleId",
                table: "watch_progress",
                columns: new[] { "ProfileId", "TitleId" });

            migrationBuilder.CreateIndex(
                name: "IX_watch_progress_ProfileId_UpdatedAtMs",
                table: "watch_progress",
                columns: new[] { "ProfileId", "UpdatedAtMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "watch_progress");
        }
    }
}
