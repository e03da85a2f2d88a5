using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Udmoentning.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EconomicTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EconomicTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EconomicTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EconomicTargets_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EconomicTargetAmounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountThousands = table.Column<int>(type: "INTEGER", nullable: false),
                    EconomicTargetId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EconomicTargetAmounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EconomicTargetAmounts_EconomicTargets_EconomicTargetId",
                        column: x => x.EconomicTargetId,
                        principalTable: "EconomicTargets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EconomicTargetItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    EconomicTargetId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EconomicTargetItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EconomicTargetItems_EconomicTargets_EconomicTargetId",
                        column: x => x.EconomicTargetId,
                        principalTable: "EconomicTargets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EconomicTargetAmounts_EconomicTargetId_Year",
                table: "EconomicTargetAmounts",
                columns: new[] { "EconomicTargetId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EconomicTargetItems_EconomicTargetId_ItemId",
                table: "EconomicTargetItems",
                columns: new[] { "EconomicTargetId", "ItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EconomicTargets_PlanId",
                table: "EconomicTargets",
                column: "PlanId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EconomicTargetAmounts");

            migrationBuilder.DropTable(
                name: "EconomicTargetItems");

            migrationBuilder.DropTable(
                name: "EconomicTargets");
        }
    }
}
