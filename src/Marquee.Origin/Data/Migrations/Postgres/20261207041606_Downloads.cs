using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marquee.Origin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Downloads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DownloadDays",
                table: "titles",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DownloadPlayHours",
                table: "titles",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "download_devices",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CreatedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    LastSeenAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_download_devices", x => new { x.UserId, x.Id });
                    table.ForeignKey(
                        name: "FK_download_devices_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "download_licences",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ProfileId = table.Column<string>(type: "character varying(16)", nullable: false),
                    DeviceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TitleId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EpisodeId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ContentId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<byte[]>(type: "bytea", maxLength: 16, nullable: false),
                    CreatedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    RenewedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "bigint", nullable: false),
                    PlayWindowHours = table.Column<int>(type: "integer", nullable: false),
                    FirstPlayedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    CheckInByMs = table.Column<long>(type: "bigint", nullable: false),
                    RevokedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    RevokedReason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_download_licences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_download_licences_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_download_licences_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_download_licences_ProfileId_DeviceId_ContentId",
                table: "download_licences",
                columns: new[] { "ProfileId", "DeviceId", "ContentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_download_licences_UserId_DeviceId",
                table: "download_licences",
                columns: new[] { "UserId", "DeviceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "download_devices");

            migrationBuilder.DropTable(
                name: "download_licences");

            migrationBuilder.DropColumn(
                name: "DownloadDays",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "DownloadPlayHours",
                table: "titles");
        }
    }
}
