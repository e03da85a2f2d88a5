using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Collaboration;

namespace Udmoentning.Tests.Domain;

public class ItemCommentTests
{
    private static readonly DateTime _written = new(2026, 11, 27, 13, 5, 0, DateTimeKind.Utc);

    private static ItemComment Comment(string text = "Husk MED-udvalget") => new(1, 2, "u1", "Jens Jensen", text, _written);

    [Fact]
    public void TheAuthorMayEditWithinTheWindowAndTheTextIsTrimmed()
    {
        var comment = Comment();
        var version = comment.Version;

        comment.Edit("u1", "  Husk MED-udvalget i januar  ", _written + ItemComment.EditWindow);

        Assert.Equal("Husk MED-udvalget i januar", comment.Text);
        Assert.Equal(_written + ItemComment.EditWindow, comment.EditedAt);
        Assert.NotEqual(version, comment.Version);
    }

    [Fact]
    public void AfterTheWindowNeitherEditNorDeleteIsAllowed()
    {
        var comment = Comment();
        var late = _written + ItemComment.EditWindow + TimeSpan.FromSeconds(1);

        var edit = Assert.Throws<PlanRuleException>(() => comment.Edit("u1", "Ny tekst", late));
        var delete = Assert.Throws<PlanRuleException>(() => comment.Delete("u1", late));

        Assert.Equal("En kommentar kan kun rettes eller slettes i 15 minutter, efter den er skrevet.", edit.Message);
        Assert.Equal(edit.Message, delete.Message);
        Assert.Equal("Husk MED-udvalget", comment.Text);
        Assert.False(comment.IsDeleted);
    }

    [Fact]
    public void OnlyTheAuthorMayEditOrDelete()
    {
        var comment = Comment();

        var refusal = comment.RefusalToChange("u2", _written.AddMinutes(1));
        Assert.Throws<PlanRuleException>(() => comment.Delete("u2", _written.AddMinutes(1)));

        Assert.Equal("Du kan kun rette og slette dine egne kommentarer.", refusal);
        Assert.False(comment.IsDeleted);
    }

    [Fact]
    public void ADeletedCommentKeepsItsRowButCannotBeChangedAgain()
    {
        var comment = Comment();

        comment.Delete("u1", _written.AddMinutes(2));

        Assert.True(comment.IsDeleted);
        Assert.Equal("Husk MED-udvalget", comment.Text);
        Assert.Equal("Kommentaren er slettet.", comment.RefusalToChange("u1", _written.AddMinutes(3)));
        Assert.Throws<PlanRuleException>(() => comment.Edit("u1", "Igen", _written.AddMinutes(3)));
    }

    [Theory]
    [InlineData("", "Kommentaren skal udfyldes.")]
    [InlineData("   ", "Kommentaren skal udfyldes.")]
    [InlineData("Bip\u0007", "Kommentaren indeholder ugyldige tegn.")]
    [InlineData("abc\u202Eevil", "Kommentaren indeholder usynlige styretegn (fx retningsskift eller tegn uden bredde). Skriv teksten igen uden dem.")]
    public void BrokenTextIsRefusedInDanish(string text, string message)
    {
        var error = Assert.Throws<PlanRuleException>(() => Comment(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void TheTextMayHaveLineBreaksAndUpToTheLimitButNotMore()
    {
        Assert.Equal("Første linje\nAnden linje", Comment("Første linje\nAnden linje").Text);
        Assert.Equal(ItemComment.TextLength, Comment(new string('a', ItemComment.TextLength)).Text.Length);

        var error = Assert.Throws<PlanRuleException>(() => Comment(new string('a', ItemComment.TextLength + 1)));

        Assert.Equal("Kommentaren må højst være 2000 tegn (er 2001).", error.Message);
    }

    [Fact]
    public void HtmlIsKeptAsTheTextItIs()
    {
        Assert.Equal("<script>alert(1)</script>", Comment("<script>alert(1)</script>").Text);
    }

    [Theory]
    [InlineData(Role.Reader, AccessRules.ReadOnly)]
    [InlineData(Role.Editor, null)]
    [InlineData(Role.Coordinator, null)]
    [InlineData(Role.Administrator, null)]
    public void EditorsCoordinatorsAndAdministratorsMayCommentReadersMayNot(Role role, string? refusal)
    {
        // An editor with no committees at all may still comment: comments cross committees on purpose.
        var actor = new Actor("u1", "Jens Jensen", new HashSet<Role> { role }, new HashSet<int>());

        Assert.Equal(refusal, AccessRules.RefusalToComment(actor));
        Assert.Equal(AccessRules.NotSignedIn, AccessRules.RefusalToComment(Actor.Anonymous));
    }
}
