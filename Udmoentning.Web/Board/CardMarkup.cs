using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Udmoentning.Domain;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Components.Shared;

namespace Udmoentning.Web.Board;

/// <summary>
/// A board card's content as one piece of HTML (the card's <c>li</c> itself is rendered with a key, so cards that stay in
/// view keep their elements, and the focus, as a long cell scrolls). Hundreds of viewers look at the same cards: each card is written once per version of
/// its item and shared by every viewer of the node, so a rendered card costs a viewer one render-tree frame instead of a
/// component with its own render trees and event handlers (measured: docs/benchmarks.md). The card has no Blazor event
/// handlers of its own: <c>js/board.js</c> turns clicks, keys and drops on it into one <c>cardaction</c> event
/// (<see cref="CardActionEventArgs"/>) for the board. Every text from the plan is HTML-encoded here.
/// </summary>
public static class CardMarkup
{
    // Encodes what HTML needs encoded (<, >, &, quotes) and keeps Danish letters readable in the markup.
    private static readonly HtmlEncoder _encoder = HtmlEncoder.Create(UnicodeRanges.All);

    // The same PlanItem object is shared by every viewer until the item changes, so its cards are kept beside it.
    private static readonly ConditionalWeakTable<PlanItem, Variants> _cache = [];

    /// <summary>
    /// The card of <paramref name="item"/> for a viewer: <paramref name="canChange"/> offers dragging and "Flyt til…" (a
    /// convenience only: the item service decides), <paramref name="recent"/> highlights a card changed a moment ago.
    /// </summary>
    public static MarkupString For(PlanItem item, string? committee, bool canChange, bool recent) =>
        new(VariantsOf(item).Get(item, committee, canChange, recent));

    /// <summary>The card element's classes: health and completion (shared like the card's content).</summary>
    public static string ClassOf(PlanItem item) => VariantsOf(item).ClassOf(item);

    private static Variants VariantsOf(PlanItem item) => _cache.GetValue(item, _ => new Variants());

    private static string Write(PlanItem item, string? committee, bool canChange, bool recent)
    {
        var code = Encode(item.Code);
        var html = new StringBuilder(640);
        if (recent)
        {
            html.Append("<span class=\"flash\" aria-hidden=\"true\"></span>");
        }

        html.Append("<div class=\"card-top\"><span class=\"card-code\">").Append(code).Append("</span>");
        if (item.IsCompleted)
        {
            html.Append("<span class=\"card-x\" title=\"Afsluttet\">X<span class=\"visually-hidden\"> (afsluttet)</span></span>");
        }

        var health = Encode(item.Health.Name());
        html.Append("<span class=\"health-dot\" title=\"Tilstand: ").Append(health).Append("\"><span class=\"visually-hidden\">Tilstand: ")
            .Append(health).Append("</span></span></div>");
        html.Append("<button type=\"button\" class=\"card-title\" aria-keyshortcuts=\"Control+ArrowLeft Control+ArrowRight Control+ArrowUp Control+ArrowDown\"><bdi>")
            .Append(Encode(DisplayText.Safe(item.Title))).Append("</bdi></button>");
        html.Append("<div class=\"card-meta\"><span>").Append(Encode(committee)).Append("</span> · <span>").Append(Encode(item.Kind.Name())).Append("</span>");
        if (item.Timing is { } timing)
        {
            html.Append("<span> · ").Append(Encode(timing.ToString())).Append("</span>");
            if (item.Slippage > 0)
            {
                var baseline = Encode(item.BaselineTiming?.ToString());
                html.Append("<span class=\"slip\" title=\"Oprindeligt ").Append(baseline).Append("\">&nbsp;").Append(Encode(Format.Slippage(item.Slippage)))
                    .Append("<span class=\"visually-hidden\"> forsinket i forhold til ").Append(baseline).Append("</span></span>");
            }
        }

        if (item.CommentCount > 0)
        {
            var comments = item.CommentCount == 1 ? "1 kommentar" : $"{item.CommentCount} kommentarer";
            html.Append("<span class=\"card-comments\" title=\"").Append(comments).Append("\"><span aria-hidden=\"true\">").Append(CommentIcon)
                .Append(item.CommentCount).Append("</span><span class=\"visually-hidden\">").Append(comments).Append("</span></span>");
        }

        html.Append("</div>");
        if (item.ConcernsAllCommittees || item.RequiresMedInvolvement)
        {
            html.Append("<div class=\"card-flags\">")
                .Append(item.ConcernsAllCommittees ? "<span class=\"flag\">Tværgående</span>" : null)
                .Append(item.RequiresMedInvolvement ? "<span class=\"flag\">MED</span>" : null)
                .Append("</div>");
        }

        WriteMissingCheckpoints(html, item);
        if (canChange)
        {
            html.Append("<button type=\"button\" class=\"card-move\" aria-label=\"Flyt ").Append(code).Append(" til…\" title=\"Flyt til…\">⇄</button>");
        }

        return html.ToString();
    }

    /// <summary>"Mangler: MED, Direktion" on an open item whose required steps are not all done; read out in full.</summary>
    private static void WriteMissingCheckpoints(StringBuilder html, PlanItem item)
    {
        IReadOnlyList<CheckpointStep> missing = item.IsCompleted ? [] : CheckpointRules.Missing(item);
        if (missing.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", missing.Select(s => s.Name()));
        html.Append("<div class=\"card-missing\" title=\"Mangler før afslutning (X): ").Append(Encode(names)).Append("\">")
            .Append("<span aria-hidden=\"true\">Mangler: ").Append(Encode(string.Join(", ", missing.Select(s => s.ShortName())))).Append("</span>")
            .Append("<span class=\"visually-hidden\">Mangler før afslutning (X): ").Append(Encode(names)).Append("</span></div>");
    }

    // A speech bubble; the count beside it is read out as words ("3 kommentarer").
    private const string CommentIcon =
        "<svg class=\"comment-icon\" viewBox=\"0 0 16 16\" width=\"12\" height=\"12\" focusable=\"false\"><path d=\"M2 2h12v9H6l-3 3v-3H2z\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/></svg>";

    private static string Encode(string? text) => text is null ? string.Empty : _encoder.Encode(text);

    private static string WriteClass(PlanItem item) => $"card health-{item.Health.ToString().ToLowerInvariant()}{(item.IsCompleted ? " completed" : null)}";

    /// <summary>The four cards of one item version (can change × recent) for one committee code, written when first asked for.</summary>
    private sealed class Variants
    {
        private Written? _written;
        private string? _class;

        public string ClassOf(PlanItem item) => _class ??= WriteClass(item);

        public string Get(PlanItem item, string? committee, bool canChange, bool recent)
        {
            // A committee renamed without the item changing gets cards of its own; a race only writes the same text twice.
            var written = Volatile.Read(ref _written);
            if (written is null || !string.Equals(written.Committee, committee, StringComparison.Ordinal))
            {
                written = new Written(committee);
                Volatile.Write(ref _written, written);
            }

            var slot = (canChange ? 2 : 0) + (recent ? 1 : 0);
            return written.Cards[slot] ??= Write(item, committee, canChange, recent);
        }

        private sealed record Written(string? Committee)
        {
            public string?[] Cards { get; } = new string?[4];
        }
    }
}
