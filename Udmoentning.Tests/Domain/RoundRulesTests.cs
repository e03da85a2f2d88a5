using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;

namespace Udmoentning.Tests.Domain;

/// <summary>
/// Follow-up rounds as rules: who answers for an item (the editors of its committee now, or the person chosen), who may
/// report, readiness, what is overdue, which items a round asks about, the limits of a status text, and that a closed
/// round never changes.
/// </summary>
public class RoundRulesTests
{
    private const int Oeu = 1;
    private const int Au = 2;
    private const int Buu = 3;

    private static readonly DateTime At = new(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Deadline = new(2026, 6, 20);

    private static readonly Actor EditorAu = Person("redaktoer-au", "Rasmus Redaktør (AU)", Role.Editor, Au);
    private static readonly Actor EditorBuu = Person("redaktoer-buu", "Bodil Redaktør (BUU)", Role.Editor, Buu);
    private static readonly Actor EditorOeu = Person("redaktoer-oeu", "Ole Redaktør (ØU)", Role.Editor, Oeu);
    private static readonly Actor Reader = Person("laeser", "Lise Læser", Role.Reader);
    private static readonly Actor Coordinator = Person("koordinator", "Karin Koordinator", Role.Coordinator);
    private static readonly Actor Administrator = Person("administrator", "Anders Administrator", Role.Administrator);

    [Fact]
    public void TheEditorsOfTheItemsCommitteeAnswerForItUntilSomeoneIsChosen()
    {
        var entry = Round().ItemFor(1)!;

        Assert.True(RoundRules.Answers(EditorAu, entry, Au));
        Assert.False(RoundRules.Answers(EditorBuu, entry, Au));
        Assert.False(RoundRules.Answers(Coordinator, entry, Au));
        Assert.False(RoundRules.Answers(Reader, entry, Au));
        Assert.False(RoundRules.Answers(Actor.Anonymous, entry, Au));

        // The committee the item has now decides, not the one it had when the round opened.
        Assert.True(RoundRules.Answers(EditorBuu, entry, Buu));
        Assert.False(RoundRules.Answers(EditorAu, entry, Buu));
    }

    [Fact]
    public void AChosenPersonAnswersInsteadOfTheCommitteesEditors()
    {
        var entry = Round().ItemFor(1)!;

        entry.Assign(EditorBuu.UserId, EditorBuu.Name);

        Assert.True(RoundRules.Answers(EditorBuu, entry, Au));
        Assert.False(RoundRules.Answers(EditorAu, entry, Au));
        Assert.Null(RoundRules.RefusalToReport(EditorBuu, entry, Au, "Arbejdsmarkedsudvalget"));
        Assert.Equal("AU-D1 besvares i runden af Bodil Redaktør (BUU).", RoundRules.RefusalToReport(EditorAu, entry, Au, "Arbejdsmarkedsudvalget"));

        entry.Assign(null, null);

        Assert.Null(entry.AssigneeName);
        Assert.True(RoundRules.Answers(EditorAu, entry, Au));
        Assert.False(RoundRules.Answers(EditorBuu, entry, Au));
    }

    [Fact]
    public void CoordinatorsAndAdministratorsMayReportOnAnyItemReadersNeverAndOtherEditorsAreToldWhoAnswers()
    {
        var entry = Round().ItemFor(1)!;

        Assert.Null(RoundRules.RefusalToReport(EditorAu, entry, Au, "Arbejdsmarkedsudvalget"));
        Assert.Null(RoundRules.RefusalToReport(Coordinator, entry, Au, "Arbejdsmarkedsudvalget"));
        Assert.Null(RoundRules.RefusalToReport(Administrator, entry, Au, "Arbejdsmarkedsudvalget"));
        Assert.Equal(AccessRules.ReadOnly, RoundRules.RefusalToReport(Reader, entry, Au, "Arbejdsmarkedsudvalget"));
        Assert.Equal(AccessRules.NotSignedIn, RoundRules.RefusalToReport(Actor.Anonymous, entry, Au, "Arbejdsmarkedsudvalget"));
        Assert.Equal("AU-D1 besvares i runden af redaktørerne for Arbejdsmarkedsudvalget.", RoundRules.RefusalToReport(EditorBuu, entry, Au, "Arbejdsmarkedsudvalget"));

        // Someone chosen who has since become a reader no longer answers and may not write: only the roles that write answer.
        entry.Assign(Reader.UserId, Reader.Name);
        Assert.False(RoundRules.Answers(Reader, entry, Au));
        Assert.Equal(AccessRules.ReadOnly, RoundRules.RefusalToReport(Reader, entry, Au, "Arbejdsmarkedsudvalget"));
        Assert.False(RoundRules.CanAnswer(new HashSet<Role> { Role.Reader }));
        Assert.True(RoundRules.CanAnswer(new HashSet<Role> { Role.Editor }));
        Assert.True(RoundRules.CanAnswer(new HashSet<Role> { Role.Coordinator }));
        Assert.True(RoundRules.CanAnswer(new HashSet<Role> { Role.Administrator }));
    }

    [Fact]
    public void OnlyCoordinatorsAndAdministratorsRunARound()
    {
        Assert.True(RoundRules.CanManage(Coordinator));
        Assert.True(RoundRules.CanManage(Administrator));
        Assert.False(RoundRules.CanManage(EditorAu));
        Assert.False(RoundRules.CanManage(Reader));
        Assert.False(RoundRules.CanManage(Actor.Anonymous));
    }

    [Fact]
    public void AnItemIsMarkedReadyOnlyWithAStatusTextAndOnlyOnce()
    {
        var entry = Round().ItemFor(1)!;

        var missing = Assert.Throws<PlanRuleException>(() => entry.MarkReady("Rasmus", At));
        Assert.Equal("Skriv statusteksten for AU-D1, før punktet markeres klar.", missing.Message);
        Assert.False(entry.IsReady);

        entry.Report("  Indsatsen kører efter planen.  ", Health.Green, new Quarter(2026, 3), "redaktoer-au", "Rasmus", At);
        var version = entry.Version;
        entry.MarkReady("Rasmus", At.AddMinutes(5));

        Assert.True(entry.IsReady);
        Assert.Equal("Indsatsen kører efter planen.", entry.StatusText);
        Assert.Equal(("Rasmus", At.AddMinutes(5)), (entry.ReadyByName, entry.ReadyAt));
        Assert.NotEqual(version, entry.Version);
        var twice = Assert.Throws<PlanRuleException>(() => entry.MarkReady("Karin", At));
        Assert.Equal("AU-D1 er allerede markeret klar af Rasmus.", twice.Message);

        // Correcting the text keeps it ready; taking "klar" back clears who and when.
        entry.Report("Indsatsen kører, men en stilling er ubesat.", Health.Yellow, null, "redaktoer-au", "Rasmus", At);
        Assert.True(entry.IsReady);
        entry.MarkNotReady();
        Assert.Equal((false, null, null), (entry.IsReady, entry.ReadyByName, entry.ReadyAt));
        Assert.Equal("AU-D1 er ikke markeret klar.", Assert.Throws<PlanRuleException>(entry.MarkNotReady).Message);
    }

    [Fact]
    public void OnlyItemsNotReadyInAnOpenRoundAfterTheDeadlineAreOverdue()
    {
        var round = Round();
        var ready = round.ItemFor(1)!;
        var notReady = round.ItemFor(2)!;
        ready.Report("Klar til opfølgning.", Health.Green, null, "k", "Karin", At);
        ready.MarkReady("Karin", At);

        Assert.False(round.IsOverdue(notReady, Deadline));
        Assert.False(round.IsOverdue(notReady, Deadline.AddDays(-1)));
        Assert.True(round.IsOverdue(notReady, Deadline.AddDays(1)));
        Assert.False(round.IsOverdue(ready, Deadline.AddDays(1)));
        Assert.False(round.IsPastDeadline(Deadline));
        Assert.True(round.IsPastDeadline(Deadline.AddDays(1)));

        round.Close(7, "k", "Karin", At);

        Assert.False(round.IsOverdue(notReady, Deadline.AddDays(30)));
    }

    [Fact]
    public void ARoundAsksAboutOpenItemsOnlyAndACommitteesRoundIncludesCrossCuttingItemsAndLeewayProposals()
    {
        var plan = TestPlans.Plan2025();
        var own = TestPlans.Item(plan, code: "AU-D1", committeeId: Au).WithId(1);
        var done = TestPlans.Item(plan, ItemStatus.Completed, code: "AU-D2", committeeId: Au).WithId(2);
        var other = TestPlans.Item(plan, code: "BUU-D1", committeeId: Buu).WithId(3);
        var crossCutting = PlanItem.Create(plan, TestPlans.Details(plan, "ØU-D1", Oeu) with { IsCrossCutting = true }).WithId(4);
        var leeway = PlanItem.Create(plan, TestPlans.Details(plan, "ØU-R1", Oeu) with { Kind = ItemKind.FiscalLeewayProposal }).WithId(5);
        var oeuOnly = TestPlans.Item(plan, code: "ØU-D2", committeeId: Oeu).WithId(6);
        PlanItem[] items = [own, done, other, crossCutting, leeway, oeuOnly];

        Assert.Equal(["AU-D1", "BUU-D1", "ØU-D1", "ØU-R1", "ØU-D2"], FollowUpRound.ItemsFor(null, items).Select(i => i.Code));
        Assert.Equal(["AU-D1", "ØU-D1", "ØU-R1"], FollowUpRound.ItemsFor(Committee(Au, "Arbejdsmarkedsudvalget", "AU"), items).Select(i => i.Code));

        var round = FollowUpRound.Open(plan, "Budgetopfølgning pr. 30. juni 2026", Deadline, Committee(Au, "Arbejdsmarkedsudvalget", "AU"),
            FollowUpRound.ItemsFor(Committee(Au, "Arbejdsmarkedsudvalget", "AU"), items), "k", "Karin", At);

        Assert.Equal(Au, round.CommitteeId);
        Assert.Equal(["AU-D1", "ØU-D1", "ØU-R1"], round.Items.Select(i => i.ItemCode));
        Assert.All(round.Items, e => Assert.Equal((null, false, false), (e.AssigneeId, e.IsReady, e.HasReport)));
    }

    [Fact]
    public void ARoundNeedsANameADeadlineInRangeAnOpenPlanAndItemsToAskAbout()
    {
        var plan = TestPlans.Plan2025();
        PlanItem[] items = [TestPlans.Item(plan, code: "AU-D1", committeeId: Au).WithId(1)];

        Assert.Equal("Navnet skal udfyldes.", Refusal(() => FollowUpRound.Open(plan, "  ", Deadline, null, items, "k", "Karin", At)));
        Assert.Equal("Navnet må højst være 120 tegn (er 121).", Refusal(() => FollowUpRound.Open(plan, new string('a', 121), Deadline, null, items, "k", "Karin", At)));
        Assert.Equal("Fristen skal ligge mellem 2020 og 2045.", Refusal(() => FollowUpRound.Open(plan, "Runde", new DateOnly(2019, 12, 31), null, items, "k", "Karin", At)));
        Assert.Equal("Fristen skal ligge mellem 2020 og 2045.", Refusal(() => FollowUpRound.Open(plan, "Runde", new DateOnly(2046, 1, 1), null, items, "k", "Karin", At)));
        Assert.Equal("Planen har ingen åbne punkter at følge op på.", Refusal(() => FollowUpRound.Open(plan, "Runde", Deadline, null, [], "k", "Karin", At)));
        Assert.Equal("Børne- og Ungdomsudvalget har ingen åbne punkter at følge op på.",
            Refusal(() => FollowUpRound.Open(plan, "Runde", Deadline, Committee(Buu, "Børne- og Ungdomsudvalget", "BUU"), [], "k", "Karin", At)));

        plan.MoveTo(PlanStage.Archived);
        Assert.Equal("Planen \"Udmøntningsplan 2025-2028\" er arkiveret og kan kun læses.", Refusal(() => FollowUpRound.Open(plan, "Runde", Deadline, null, items, "k", "Karin", At)));
    }

    [Theory]
    [InlineData("", "Statusteksten skal udfyldes.")]
    [InlineData("   \n ", "Statusteksten skal udfyldes.")]
    [InlineData(null, "Statusteksten skal udfyldes.")]
    [InlineData("Tekst med \u0007 klokke", "Statusteksten indeholder ugyldige tegn.")]
    [InlineData("Tekst med \u0000 nul", "Statusteksten indeholder ugyldige tegn.")]
    [InlineData("Godkendt \u202Etxet", "Statusteksten indeholder usynlige styretegn (fx retningsskift eller tegn uden bredde). Skriv teksten igen uden dem.")]
    [InlineData("Skjult\u200Btegn", "Statusteksten indeholder usynlige styretegn (fx retningsskift eller tegn uden bredde). Skriv teksten igen uden dem.")]
    public void AStatusTextThatBreaksTheLimitsIsRefusedInDanishAndChangesNothing(string? text, string message)
    {
        var entry = Round().ItemFor(1)!;
        var version = entry.Version;

        Assert.Equal(message, Refusal(() => entry.Report(text, Health.Green, null, "k", "Karin", At)));
        Assert.Equal((null, null, version), (entry.StatusText, entry.ReportedAt, entry.Version));
    }

    [Fact]
    public void AStatusTextMayHaveLinesAndTwoThousandCharactersButNotMore()
    {
        var entry = Round().ItemFor(1)!;

        Assert.Equal("Statusteksten må højst være 2000 tegn (er 2001).", Refusal(() => entry.Report(new string('x', 2001), Health.Green, null, "k", "Karin", At)));
        Assert.Equal("Vælg en gyldig tilstand (grøn, gul eller rød).", Refusal(() => entry.Report("Tekst", (Health)9, null, "k", "Karin", At)));
        Assert.Equal("Vælg et gyldigt tidspunkt: et kvartal (1-4) og et år mellem 2020 og 2045.", Refusal(() => entry.Report("Tekst", Health.Green, default(Quarter), "k", "Karin", At)));
        Assert.Null(entry.StatusText);

        entry.Report(new string('x', 2000), Health.Red, new Quarter(2027, 1), "k", "Karin", At);
        Assert.Equal(2000, entry.StatusText!.Length);
        entry.Report("Første linje.\r\nAnden linje.\tMed tabulator.", Health.Yellow, null, "k", "Karin", At);
        Assert.Equal(("Første linje.\r\nAnden linje.\tMed tabulator.", Health.Yellow, null), (entry.StatusText, entry.Health, entry.Timing));
        Assert.Equal(("k", "Karin", At), (entry.ReportedById, entry.ReportedByName, entry.ReportedAt));
    }

    [Fact]
    public void AClosedRoundNeverChangesAgain()
    {
        var round = Round();
        var entry = round.ItemFor(1)!;
        entry.Report("Status før lukning.", Health.Yellow, null, "k", "Karin", At);
        var entryVersion = entry.Version;
        var roundVersion = round.Version;

        round.Close(42, "k", "Karin", At.AddDays(1));

        Assert.True(round.IsClosed);
        Assert.Equal((42, "Karin"), (round.SnapshotId, round.ClosedByName));
        Assert.All(round.Items, e => Assert.True(e.IsClosed));
        Assert.NotEqual(entryVersion, entry.Version);
        Assert.NotEqual(roundVersion, round.Version);
        var (closedEntry, closedRound) = (entry.Version, round.Version);

        const string closed = "Runden \"Budgetopfølgning pr. 30. juni 2026\" er lukket og kan ikke ændres.";
        const string closedItem = "Runden er lukket: AU-D1 kan ikke ændres i den.";
        Assert.Equal(closedItem, Refusal(() => entry.Report("Efter lukning.", Health.Red, null, "k", "Karin", At)));
        Assert.Equal(closedItem, Refusal(() => entry.MarkReady("Karin", At)));
        Assert.Equal(closedItem, Refusal(() => entry.MarkNotReady()));
        Assert.Equal(closedItem, Refusal(() => entry.Assign("redaktoer-buu", "Bodil")));
        Assert.Equal(closed, Refusal(() => round.ChangeDeadline(Deadline.AddDays(10))));
        Assert.Equal(closed, Refusal(() => round.Close(43, "a", "Anders", At.AddDays(2))));
        Assert.Equal(closed, Refusal(round.RequireOpen));

        Assert.Equal(("Status før lukning.", Health.Yellow, false, null), (entry.StatusText, entry.Health, entry.IsReady, entry.AssigneeId));
        Assert.Equal((Deadline, 42, "Karin", closedRound, closedEntry), (round.Deadline, round.SnapshotId, round.ClosedByName, round.Version, entry.Version));
    }

    [Fact]
    public void TheDeadlineMovesWhileTheRoundIsOpenWithinTheYearsAllowed()
    {
        var round = Round();
        var version = round.Version;

        round.ChangeDeadline(new DateOnly(2026, 7, 1));

        Assert.Equal(new DateOnly(2026, 7, 1), round.Deadline);
        Assert.NotEqual(version, round.Version);
        Assert.Equal("Fristen skal ligge mellem 2020 og 2045.", Refusal(() => round.ChangeDeadline(new DateOnly(2050, 1, 1))));
        Assert.Equal(new DateOnly(2026, 7, 1), round.Deadline);
    }

    [Fact]
    public void ProgressIsCountedPerCommitteeAndPerPersonIncludingAChosenPersonWhoIsNoLongerAUser()
    {
        // Items 1, 2 (AU), 3 (BUU) and 4 (ØU). Item 2 is given to someone who has since left; item 4 is gone from the plan.
        var round = Round();
        Report(round.ItemFor(1)!, ready: true);
        Report(round.ItemFor(3)!, ready: false);
        round.ItemFor(2)!.Assign("tidligere", "Tove Tidligere");
        var committeeOf = new Dictionary<int, int> { [1] = Au, [2] = Au, [3] = Buu };
        var names = new Dictionary<int, string> { [Au] = "Arbejdsmarkedsudvalget", [Buu] = "Børne- og Ungdomsudvalget", [Oeu] = "Økonomiudvalget" };
        RoundPerson[] people =
        [
            new(EditorAu.UserId, EditorAu.Name, new HashSet<int> { Au }),
            new(EditorBuu.UserId, EditorBuu.Name, new HashSet<int> { Buu }),
            new(Coordinator.UserId, Coordinator.Name, new HashSet<int>()),
        ];

        var before = RoundProgress.Of(round, id => committeeOf.TryGetValue(id, out var c) ? c : null, names, people, Deadline);
        var after = RoundProgress.Of(round, id => committeeOf.TryGetValue(id, out var c) ? c : null, names, people, Deadline.AddDays(1));

        Assert.Equal(new RoundCount(3, 1, 2, 0), before.Total);
        Assert.Equal(new RoundCount(3, 1, 2, 2), after.Total);
        Assert.Equal(2, after.Total.Missing);
        Assert.False(after.Total.IsComplete);
        Assert.Equal(
            [new CommitteeProgress(Au, "Arbejdsmarkedsudvalget", new RoundCount(2, 1, 1, 1)), new CommitteeProgress(Buu, "Børne- og Ungdomsudvalget", new RoundCount(1, 0, 1, 1))],
            after.Committees);
        Assert.Equal(
            [
                new PersonProgress(EditorBuu.UserId, EditorBuu.Name, new RoundCount(1, 0, 1, 1)),
                new PersonProgress(EditorAu.UserId, EditorAu.Name, new RoundCount(1, 1, 1, 0)),
                new PersonProgress("tidligere", "Tove Tidligere", new RoundCount(1, 0, 0, 1)),
            ],
            after.People);

        round.Close(5, "k", "Karin", At);
        var closed = RoundProgress.Of(round, id => committeeOf.TryGetValue(id, out var c) ? c : null, names, people, Deadline.AddDays(1));
        Assert.Equal(new RoundCount(3, 1, 2, 0), closed.Total);
    }

    [Fact]
    public void ARoundWhereEveryItemIsReadyIsComplete()
    {
        Assert.True(new RoundCount(2, 2, 2, 0).IsComplete);
        Assert.False(new RoundCount(0, 0, 0, 0).IsComplete);
        Assert.Equal(0, new RoundCount(2, 2, 2, 0).Missing);
    }

    private static void Report(RoundItem entry, bool ready)
    {
        entry.Report($"Status for {entry.ItemCode}.", Health.Green, null, "k", "Karin", At);
        if (ready)
        {
            entry.MarkReady("Karin", At);
        }
    }

    /// <summary>A whole-plan round over AU-D1 (1), AU-D2 (2), BUU-D1 (3) and ØU-D1 (4), deadline 20 June 2026.</summary>
    private static FollowUpRound Round()
    {
        var plan = TestPlans.Plan2025();
        PlanItem[] items =
        [
            TestPlans.Item(plan, code: "AU-D1", committeeId: Au).WithId(1),
            TestPlans.Item(plan, code: "AU-D2", committeeId: Au).WithId(2),
            TestPlans.Item(plan, code: "BUU-D1", committeeId: Buu).WithId(3),
            TestPlans.Item(plan, code: "ØU-D1", committeeId: Oeu).WithId(4),
        ];
        return FollowUpRound.Open(plan, "Budgetopfølgning pr. 30. juni 2026", Deadline, null, FollowUpRound.ItemsFor(null, items), "k", "Karin", At);
    }

    private static string Refusal(Action action) => Assert.Throws<PlanRuleException>(action).Message;

    private static string Refusal(Func<object> action) => Assert.Throws<PlanRuleException>(action).Message;

    private static Actor Person(string id, string name, Role role, params int[] committees) =>
        new(id, name, new HashSet<Role> { role }, committees.ToHashSet());

    private static Committee Committee(int id, string name, string code)
    {
        var committee = new Committee(name, code);
        typeof(Committee).GetProperty(nameof(Udmoentning.Domain.Plans.Committee.Id))!.SetValue(committee, id);
        return committee;
    }
}
