using Udmoentning.Web.Collaboration;

namespace Udmoentning.Tests.Components.Board;

public class CommentTextTests
{
    private static readonly string[] _known = ["ØU", "AU", "Jens Jensen"];

    [Fact]
    public void CommitteesAndKnownPeopleAreMentionsAndEverythingElseIsText()
    {
        var parts = CommentText.Parts("Spørg @øu og @Jens Jensen, ikke @Ukendt eller mail@AU.dk eller @AUX.", _known);

        Assert.Equal(
            [
                new CommentPart("Spørg ", false),
                new CommentPart("@øu", true),
                new CommentPart(" og ", false),
                new CommentPart("@Jens Jensen", true),
                new CommentPart(", ikke @Ukendt eller mail@AU.dk eller @AUX.", false),
            ],
            parts);
    }

    [Fact]
    public void MarkupStaysTextAndHiddenFormattingIsDropped()
    {
        var parts = CommentText.Parts("<b>@AU</b>\u202E", _known);

        Assert.Equal([new CommentPart("<b>", false), new CommentPart("@AU", true), new CommentPart("</b>", false)], parts);
    }

    [Fact]
    public void TimesAreWrittenInDanishTime()
    {
        Assert.Equal("27. nov. 2026 kl. 14.05", CommentThread.When(new DateTime(2026, 11, 27, 13, 5, 0, DateTimeKind.Utc)));
        Assert.Equal("1. jul. 2026 kl. 09.30", CommentThread.When(new DateTime(2026, 7, 1, 7, 30, 0, DateTimeKind.Utc)));
    }
}
