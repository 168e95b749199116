using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marquee.Origin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Edges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "edges",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Healthy = table.Column<bool>(type: "INTEGER", nullable: false),
                    LoadFactor = table.Column<double>(type: "REAL", nullable: false),
                    ActiveConnections = table.Column<long>(type: "INTEGER", nullable: false),
                    EgressBytesPerSecond = table.Column<long>(type: "INTEGER", nullable: false),
                    HitRatio = table.Column<double>(type: "REAL", nullable: false),
                    ByteHitRatio = table.Column<double>(type: "REAL", nullable: false),
                    CacheUsedBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    CacheCapacityBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_edges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "playback_starts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssetId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_playback_starts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_playback_starts_Region_AtMs",
                table: "playback_starts",
                columns: new[] { "Region", "AtMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "edges");

            migrationBuilder.DropTable(
                name: "playback_starts");
        }
    }
}
