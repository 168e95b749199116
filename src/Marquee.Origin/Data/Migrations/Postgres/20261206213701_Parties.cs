using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marquee.Origin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Parties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "parties",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(22)", maxLength: 22, nullable: false),
                    HostProfileId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HostUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    PlayableId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TitleId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "bigint", nullable: false),
                    EndedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    Control = table.Column<int>(type: "integer", nullable: false),
                    ControllerMemberId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WaitForAll = table.Column<bool>(type: "boolean", nullable: false),
                    Playing = table.Column<bool>(type: "boolean", nullable: false),
                    PositionMs = table.Column<long>(type: "bigint", nullable: false),
                    AtMs = table.Column<long>(type: "bigint", nullable: false),
                    Rate = table.Column<double>(type: "double precision", nullable: false),
                    WaitingUntilMs = table.Column<long>(type: "bigint", nullable: true),
                    ByMemberId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_parties_profiles_HostProfileId",
                        column: x => x.HostProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "party_members",
                columns: table => new
                {
                    MemberId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PartyId = table.Column<string>(type: "character varying(22)", maxLength: 22, nullable: false),
                    ProfileId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Kids = table.Column<bool>(type: "boolean", nullable: false),
                    ConnectionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    RttMs = table.Column<int>(type: "integer", nullable: true),
                    AppliedVersion = table.Column<int>(type: "integer", nullable: false),
                    JoinedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    LastSeenMs = table.Column<long>(type: "bigint", nullable: false),
                    LeftAtMs = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_party_members", x => x.MemberId);
                    table.ForeignKey(
                        name: "FK_party_members_parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_party_members_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "party_messages",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PartyId = table.Column<string>(type: "character varying(22)", maxLength: 22, nullable: false),
                    MemberId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProfileId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_party_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_party_messages_parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_party_messages_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_parties_ExpiresAtMs",
                table: "parties",
                column: "ExpiresAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_parties_HostProfileId",
                table: "parties",
                column: "HostProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_parties_WaitingUntilMs",
                table: "parties",
                column: "WaitingUntilMs");

            migrationBuilder.CreateIndex(
                name: "IX_party_members_LastSeenMs",
                table: "party_members",
                column: "LastSeenMs");

            migrationBuilder.CreateIndex(
                name: "IX_party_members_PartyId_ProfileId",
                table: "party_members",
                columns: new[] { "PartyId", "ProfileId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_party_members_ProfileId",
                table: "party_members",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_party_messages_PartyId_AtMs",
                table: "party_messages",
                columns: new[] { "PartyId", "AtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_party_messages_ProfileId",
                table: "party_messages",
                column: "ProfileId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "party_members");

            migrationBuilder.DropTable(
                name: "party_messages");

            migrationBuilder.DropTable(
                name: "parties");
        }
    }
}
