using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marquee.Origin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Sharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Shareable",
                table: "titles",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsPublic",
                table: "playlists",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "HasPreview",
                table: "media_assets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "InvitedBy",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "invitations",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 22, nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitations", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_invitations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_InvitedBy",
                table: "AspNetUsers",
                column: "InvitedBy");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_Code",
                table: "invitations",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invitations");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_InvitedBy",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Shareable",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "IsPublic",
                table: "playlists");

            migrationBuilder.DropColumn(
                name: "HasPreview",
                table: "media_assets");

            migrationBuilder.DropColumn(
                name: "InvitedBy",
                table: "AspNetUsers");
        }
    }
}
