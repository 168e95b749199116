using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marquee.Origin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Discovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProfileId",
                table: "playback_starts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleId",
                table: "playback_starts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ratings",
                columns: table => new
                {
                    ProfileId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TitleId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ratings", x => new { x.ProfileId, x.TitleId });
                    table.ForeignKey(
                        name: "FK_ratings_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ratings_titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recommendation_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    BuiltAtMs = table.Column<long>(type: "bigint", nullable: false),
                    Signals = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeaseUntilMs = table.Column<long>(type: "bigint", nullable: false),
                    LeaseHolder = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendation_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "title_charts",
                columns: table => new
                {
                    Region = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Chart = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    TitleId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Score = table.Column<float>(type: "real", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_title_charts", x => new { x.Region, x.Chart, x.Rank });
                });

            migrationBuilder.CreateTable(
                name: "title_neighbours",
                columns: table => new
                {
                    TitleId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Packed = table.Column<string>(type: "text", nullable: false),
                    BuiltAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_title_neighbours", x => x.TitleId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_playback_starts_AtMs",
                table: "playback_starts",
                column: "AtMs");

            migrationBuilder.CreateIndex(
                name: "IX_playback_starts_ProfileId_AtMs",
                table: "playback_starts",
                columns: new[] { "ProfileId", "AtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_ratings_TitleId",
                table: "ratings",
                column: "TitleId");

            migrationBuilder.CreateIndex(
                name: "IX_ratings_UpdatedAtMs",
                table: "ratings",
                column: "UpdatedAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ratings");

            migrationBuilder.DropTable(
                name: "recommendation_state");

            migrationBuilder.DropTable(
                name: "title_charts");

            migrationBuilder.DropTable(
                name: "title_neighbours");

            migrationBuilder.DropIndex(
                name: "IX_playback_starts_AtMs",
                table: "playback_starts");

            migrationBuilder.DropIndex(
                name: "IX_playback_starts_ProfileId_AtMs",
                table: "playback_starts");

            migrationBuilder.DropColumn(
                name: "ProfileId",
                table: "playback_starts");

            migrationBuilder.DropColumn(
                name: "TitleId",
                table: "playback_starts");
        }
    }
}
