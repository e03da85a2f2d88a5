using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>Checks of a page's text as a reader sees it (<c>innerText</c>: what is shown, with line breaks between blocks).</summary>
public static partial class PageText
{
    /// <summary>
    /// No space before a comma or a full stop ("kan importeres , 5 rækker"), and a space after a full stop that ends a
    /// sentence ("ikke importeret.Åbn tavlen"): Razor's line breaks between an expression and the text after it add the
    /// first; two elements side by side without a space the second.
    /// </summary>
    public static async Task AssertNoStraySpacesAsync(IPage page, string where)
    {
        var text = await page.Locator("body").InnerTextAsync();
        var found = StraySpace().Matches(text).Select(m => Around(text, m.Index)).ToList();
        Assert.True(found.Count == 0, $"Stray or missing spaces at {where}:\n{string.Join("\n", found)}");
    }

    /// <summary>
    /// No emoji in the page's text or in what its stylesheets put before and after elements: a browser without an emoji
    /// font (common on municipal thin clients and Linux) draws an empty box. Icons come from one icon set (MudBlazor's SVGs).
    /// </summary>
    public static async Task AssertNoEmojiAsync(IPage page, string where)
    {
        var text = await page.Locator("body").InnerTextAsync();
        var generated = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('*')].flatMap(e => ['::before', '::after'].map(p => getComputedStyle(e, p).content))
                .filter(c => c && c !== 'none' && c !== 'normal')
            """);
        var found = Emoji().Matches(text + "\n" + string.Join("\n", generated)).Select(m => m.Value).Distinct().ToList();
        Assert.True(found.Count == 0, $"Emoji at {where}: {string.Join(" ", found)}");
    }

    /// <summary>
    /// None of <paramref name="names"/>' words (committee and status names, long Danish compounds) is broken across two
    /// lines except where a hyphen shows: each occurrence on the page is measured, and a word whose pieces stand on
    /// different lines is reported unless every line ends at one of its soft hyphens (<see cref="Udmoentning.Domain.CompoundWords"/>).
    /// A break at a hyphen between words ("Børne- og ...") is allowed: words are taken apart at spaces.
    /// </summary>
    public static async Task AssertWordsWholeAsync(IPage page, IEnumerable<string> names, string where)
    {
        var words = names.SelectMany(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length >= 6).Distinct().ToArray();
        var split = await page.EvaluateAsync<string[]>("""
            words => {
              const split = [];
              const lines = (node, from, to) => {
                const range = document.createRange();
                range.setStart(node, from);
                range.setEnd(node, to);
                return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
              };
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const parent = node.parentElement;
                if (!parent || parent.getClientRects().length === 0) continue;
                // The text as read, and where each of its letters stands among the soft hyphens.
                const at = [];
                let plain = '';
                for (let i = 0; i < node.data.length; i++) {
                  if (node.data[i] !== '\u00AD') { at.push(i); plain += node.data[i]; }
                }
                for (const word of words) {
                  for (let i = plain.indexOf(word); i >= 0; i = plain.indexOf(word, i + 1)) {
                    const from = at[i], to = at[i + word.length - 1] + 1;
                    if (lines(node, from, to) < 2) continue;
                    // Broken: allowed only where a soft hyphen shows as a hyphen, so a letter stands on another line than the
                    // one before it only right after a soft hyphen. (A letter right after such a break also reports the
                    // hyphen's box on the line above: its line is that of its last box.)
                    const lineOf = j => {
                      const range = document.createRange();
                      range.setStart(node, j);
                      range.setEnd(node, j + 1);
                      const rects = [...range.getClientRects()].filter(r => r.width > 0);
                      return rects.length ? Math.round(rects[rects.length - 1].top) : null;
                    };
                    let whole = true, previous = null, hyphen = false;
                    for (let j = from; j < to; j++) {
                      if (node.data[j] === '\u00AD') { hyphen = true; continue; }
                      const line = lineOf(j);
                      if (previous !== null && line !== previous && !hyphen) whole = false;
                      previous = line;
                      hyphen = false;
                    }
                    if (!whole) split.push(`${word} in <${parent.tagName.toLowerCase()} class="${parent.className}">`);
                  }
                }
              }
              return [...new Set(split)];
            }
            """, words);
        Assert.True(split.Length == 0, $"Words broken across lines at {where}:\n{string.Join("\n", split)}");
    }

    private static string Around(string text, int index)
    {
        var start = Math.Max(0, index - 30);
        return "…" + text[start..Math.Min(text.Length, index + 30)].ReplaceLineEndings(" ⏎ ") + "…";
    }

    // A space (not a line break) before "," or "." that is not the start of a number (" .5") or an ellipsis (" ..."); or a
    // lower-case letter, a full stop and a capital letter with nothing between ("importeret.Åbn").
    [GeneratedRegex(@"[^\S\n][,.](?![\d.])|\p{Ll}\.\p{Lu}")]
    private static partial Regex StraySpace();

    // Pictographs, dingbats, symbols such as ⏳ and ⌚, and the emoji presentation selector (surrogate pairs for the planes above).
    [GeneratedRegex(@"[\u2300-\u23FF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]|\uD83C[\uDC00-\uDFFF]|\uD83D[\uDC00-\uDFFF]|\uD83E[\uDC00-\uDFFF]")]
    private static partial Regex Emoji();
}
