using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Udmoentning.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<int>(type: "INTEGER", nullable: true),
                    OpenedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OpenedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ClosedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SnapshotId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AssigneeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StatusText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Health = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Timing = table.Column<int>(type: "INTEGER", nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReportedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReportedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IsReady = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReadyAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReadyByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IsClosed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
