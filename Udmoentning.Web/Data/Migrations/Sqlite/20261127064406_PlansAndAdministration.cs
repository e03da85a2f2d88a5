using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Udmoentning.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlansAndAdministration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MainThemes_PlanId_Position",
                table: "MainThemes");

            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "Plans",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Adopted");

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Plans",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "OriginItemId",
                table: "PlanItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Committees",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<bool>(
                name: "IsCancelled",
                table: "CommitteeMeetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "CommitteeMeetings",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "AdministrationHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdministrationHistory", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanItems_OriginItemId",
                table: "PlanItems",
                column: "OriginItemId");

            migrationBuilder.CreateIndex(
                name: "IX_MainThemes_PlanId_Position",
                table: "MainThemes",
                columns: new[] { "PlanId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_AdministrationHistory_At",
                table: "AdministrationHistory",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AdministrationHistory_PlanId_At",
                table: "AdministrationHistory",
                columns: new[] { "PlanId", "At" });

            migrationBuilder.AddForeignKey(
                name: "FK_PlanItems_PlanItems_OriginItemId",
                table: "PlanItems",
                column: "OriginItemId",
                principalTable: "PlanItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PlanItems_PlanItems_OriginItemId",
                table: "PlanItems");

            migrationBuilder.DropTable(
                name: "AdministrationHistory");

            migrationBuilder.DropIndex(
                name: "IX_PlanItems_OriginItemId",
                table: "PlanItems");

            migrationBuilder.DropIndex(
                name: "IX_MainThemes_PlanId_Position",
                table: "MainThemes");

            migrationBuilder.DropColumn(
                name: "Stage",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "OriginItemId",
                table: "PlanItems");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Committees");

            migrationBuilder.DropColumn(
                name: "IsCancelled",
                table: "CommitteeMeetings");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "CommitteeMeetings");

            migrationBuilder.CreateIndex(
                name: "IX_MainThemes_PlanId_Position",
                table: "MainThemes",
                columns: new[] { "PlanId", "Position" },
                unique: true);
        }
    }
}
