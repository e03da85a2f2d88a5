using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Udmoentning.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowUpSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FollowUpSnapshots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TakenById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    TakenByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TakenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpSnapshots_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpSnapshots_PlanId_TakenAt",
                table: "FollowUpSnapshots",
                columns: new[] { "PlanId", "TakenAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpSnapshots");
        }
    }
}
