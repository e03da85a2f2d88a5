using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Udmoentning.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FollowUpRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FollowUpRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    CommitteeId = table.Column<int>(type: "integer", nullable: true),
                    OpenedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OpenedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ClosedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SnapshotId = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpRounds_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpRoundItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AssigneeId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AssigneeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    StatusText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Health = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Timing = table.Column<int>(type: "integer", nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReportedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ReportedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IsReady = table.Column<bool>(type: "boolean", nullable: false),
                    ReadyAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReadyByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IsClosed = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpRoundItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpRoundItems_FollowUpRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "FollowUpRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpRoundItems_ItemId",
                table: "FollowUpRoundItems",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpRoundItems_RoundId_ItemId",
                table: "FollowUpRoundItems",
                columns: new[] { "RoundId", "ItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpRounds_PlanId_OpenedAt",
                table: "FollowUpRounds",
                columns: new[] { "PlanId", "OpenedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpRoundItems");

            migrationBuilder.DropTable(
                name: "FollowUpRounds");
        }
    }
}
