using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Udmoentning.Web.Data.Migrations.Postgres
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
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Adopted");

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Plans",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "OriginItemId",
                table: "PlanItems",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Committees",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<bool>(
                name: "IsCancelled",
                table: "CommitteeMeetings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "CommitteeMeetings",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "AdministrationHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: true),
                    Subject = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Changes = table.Column<string>(type: "text", nullable: false)
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
