using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Marquee.Origin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_titles_AssetId",
                table: "titles");

            migrationBuilder.AddColumn<string>(
                name: "Credits",
                table: "titles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeletedAtMs",
                table: "titles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "titles",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OriginalLanguage",
                table: "titles",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PosterKey",
                table: "titles",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Published",
                table: "titles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "PublishedAtMs",
                table: "titles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RuntimeMinutes",
                table: "titles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrailerAssetId",
                table: "titles",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "licences",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TitleId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    StartsAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    EndsAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_licences_titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Titles were licensed by a country list and a free flag; they become licence rows (worldwide when the
            // list was empty) and every existing title counts as published. The old columns go in CatalogCleanup:
            // on SQLite that needs a table rebuild, which must not share a migration with SQL statements.
            if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
            {
                migrationBuilder.Sql("""
                    WITH RECURSIVE split(title_id, free, rest, country) AS (
                        SELECT Id, Free, Countries || ',', NULL FROM titles
                        UNION ALL
                        SELECT title_id, free, substr(rest, instr(rest, ',') + 1), trim(substr(rest, 1, instr(rest, ',') - 1))
                        FROM split WHERE rest <> ''
                    )
                    INSERT INTO licences (Id, TitleId, Country, StartsAtMs, EndsAtMs, Tier)
                    SELECT lower(hex(randomblob(8))), title_id, upper(country), NULL, NULL, CASE free WHEN 1 THEN 'Free' ELSE 'Subscription' END
                    FROM split WHERE country IS NOT NULL AND country <> '';
                    INSERT INTO licences (Id, TitleId, Country, StartsAtMs, EndsAtMs, Tier)
                    SELECT lower(hex(randomblob(8))), Id, '*', NULL, NULL, CASE Free WHEN 1 THEN 'Free' ELSE 'Subscription' END
                    FROM titles WHERE Countries = '';
                    """);
            }

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAtMs",
                table: "titles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql("UPDATE titles SET Published = 1, PublishedAtMs = CreatedAtMs, UpdatedAtMs = CreatedAtMs, Kind = 'Movie', Credits = '[]';");

            migrationBuilder.CreateTable(
                name: "my_list",
                columns: table => new
                {
                    ProfileId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TitleId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AddedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_my_list", x => new { x.ProfileId, x.TitleId });
                    table.ForeignKey(
                        name: "FK_my_list_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_my_list_titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "playlists",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProfileId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_playlists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_playlists_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "regions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Countries = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_regions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "seasons",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SeriesId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seasons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_seasons_titles_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "playlist_items",
                columns: table => new
                {
                    PlaylistId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TitleId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AddedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_playlist_items", x => new { x.PlaylistId, x.TitleId });
                    table.ForeignKey(
                        name: "FK_playlist_items_playlists_PlaylistId",
                        column: x => x.PlaylistId,
                        principalTable: "playlists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_playlist_items_titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "episodes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SeriesId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SeasonId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Synopsis = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RuntimeMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    AssetId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_episodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_episodes_seasons_SeasonId",
                        column: x => x.SeasonId,
                        principalTable: "seasons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "regions",
                columns: new[] { "Id", "Countries", "Name" },
                values: new object[,]
                {
                    { "apac", "JP,KR,AU,NZ,SG,IN,ID,TH,PH,MY,TW,HK,VN", "Asia Pacific" },
                    { "eu", "AT,BE,BG,CH,CY,CZ,DE,DK,EE,ES,FI,FR,GB,GR,HR,HU,IE,IS,IT,LI,LT,LU,LV,MT,NL,NO,PL,PT,RO,SE,SI,SK", "Europe" },
                    { "us", "US,CA,MX,BR,AR,CL,CO,PE", "Americas" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_titles_AssetId",
                table: "titles",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_titles_UpdatedAtMs",
                table: "titles",
                column: "UpdatedAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_episodes_AssetId",
                table: "episodes",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_episodes_SeasonId_Number",
                table: "episodes",
                columns: new[] { "SeasonId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_episodes_SeriesId",
                table: "episodes",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_licences_TitleId",
                table: "licences",
                column: "TitleId");

            migrationBuilder.CreateIndex(
                name: "IX_my_list_TitleId",
                table: "my_list",
                column: "TitleId");

            migrationBuilder.CreateIndex(
                name: "IX_playlist_items_TitleId",
                table: "playlist_items",
                column: "TitleId");

            migrationBuilder.CreateIndex(
                name: "IX_playlists_ProfileId",
                table: "playlists",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_seasons_SeriesId_Number",
                table: "seasons",
                columns: new[] { "SeriesId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "episodes");

            migrationBuilder.DropTable(
                name: "licences");

            migrationBuilder.DropTable(
                name: "my_list");

            migrationBuilder.DropTable(
                name: "playlist_items");

            migrationBuilder.DropTable(
                name: "regions");

            migrationBuilder.DropTable(
                name: "seasons");

            migrationBuilder.DropTable(
                name: "playlists");

            migrationBuilder.DropIndex(
                name: "IX_titles_AssetId",
                table: "titles");

            migrationBuilder.DropIndex(
                name: "IX_titles_UpdatedAtMs",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "Credits",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "DeletedAtMs",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "OriginalLanguage",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "PosterKey",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "Published",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "PublishedAtMs",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "RuntimeMinutes",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "TrailerAssetId",
                table: "titles");

            migrationBuilder.DropColumn(
                name: "UpdatedAtMs",
                table: "titles");

            migrationBuilder.CreateIndex(
                name: "IX_titles_AssetId",
                table: "titles",
                column: "AssetId",
                unique: true);
        }
    }
}
