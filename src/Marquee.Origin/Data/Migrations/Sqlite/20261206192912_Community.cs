using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marquee.Origin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Community : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commenting_suspensions",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UntilMs = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commenting_suspensions", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_commenting_suspensions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "comments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TitleId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TargetId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ParentId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    AuthorProfileId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Kind = table.Column<byte>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Spoiler = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<byte>(type: "INTEGER", nullable: false),
                    HeldReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    EditedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_comments_profiles_AuthorProfileId",
                        column: x => x.AuthorProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_comments_titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "moderation_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ModeratorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_moderation_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "person_links",
                columns: table => new
                {
                    FromProfileId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ToProfileId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<byte>(type: "INTEGER", nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_links", x => new { x.FromProfileId, x.ToProfileId, x.Kind });
                    table.ForeignKey(
                        name: "FK_person_links_profiles_FromProfileId",
                        column: x => x.FromProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_person_links_profiles_ToProfileId",
                        column: x => x.ToProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "social_profiles",
                columns: table => new
                {
                    ProfileId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Handle = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    HandleKey = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Bio = table.Column<string>(type: "TEXT", maxLength: 1200, nullable: false),
                    TasteMatching = table.Column<bool>(type: "INTEGER", nullable: false),
                    ShareActivity = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_profiles", x => x.ProfileId);
                    table.ForeignKey(
                        name: "FK_social_profiles_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "comment_reactions",
                columns: table => new
                {
                    CommentId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProfileId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<byte>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comment_reactions", x => new { x.CommentId, x.ProfileId });
                    table.ForeignKey(
                        name: "FK_comment_reactions_comments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "comments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_comment_reactions_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "comment_reports",
                columns: table => new
                {
                    CommentId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReporterProfileId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<byte>(type: "INTEGER", nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comment_reports", x => new { x.CommentId, x.ReporterProfileId });
                    table.ForeignKey(
                        name: "FK_comment_reports_comments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "comments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_comment_reports_profiles_ReporterProfileId",
                        column: x => x.ReporterProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_comment_reactions_ProfileId",
                table: "comment_reactions",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_comment_reports_Open_CreatedAtMs",
                table: "comment_reports",
                columns: new[] { "Open", "CreatedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_comment_reports_ReporterProfileId",
                table: "comment_reports",
                column: "ReporterProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_comments_AuthorProfileId_CreatedAtMs",
                table: "comments",
                columns: new[] { "AuthorProfileId", "CreatedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_comments_AuthorUserId",
                table: "comments",
                column: "AuthorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_comments_Held",
                table: "comments",
                column: "CreatedAtMs",
                filter: "\"Status\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_comments_ParentId_CreatedAtMs",
                table: "comments",
                columns: new[] { "ParentId", "CreatedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_comments_TargetId_Kind_CreatedAtMs",
                table: "comments",
                columns: new[] { "TargetId", "Kind", "CreatedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_comments_TargetId_Kind_Score_CreatedAtMs",
                table: "comments",
                columns: new[] { "TargetId", "Kind", "Score", "CreatedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_comments_TitleId",
                table: "comments",
                column: "TitleId");

            migrationBuilder.CreateIndex(
                name: "IX_moderation_log_AtMs",
                table: "moderation_log",
                column: "AtMs");

            migrationBuilder.CreateIndex(
                name: "IX_person_links_ToProfileId_Kind",
                table: "person_links",
                columns: new[] { "ToProfileId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_social_profiles_HandleKey",
                table: "social_profiles",
                column: "HandleKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_social_profiles_UserId",
                table: "social_profiles",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "comment_reactions");

            migrationBuilder.DropTable(
                name: "comment_reports");

            migrationBuilder.DropTable(
                name: "commenting_suspensions");

            migrationBuilder.DropTable(
                name: "moderation_log");

            migrationBuilder.DropTable(
                name: "person_links");

            migrationBuilder.DropTable(
                name: "social_profiles");

            migrationBuilder.DropTable(
                name: "comments");
        }
    }
}
