using System.Net;
using System.Text;

namespace Udmoentning.Web.Notifications;

/// <summary>A mail's text, as plain text and as HTML, made from the same parts so the two say the same.</summary>
public sealed record MailBody(string Text, string Html);

/// <summary>
/// Writes a mail's body once for both forms: paragraphs, lists and links, with every text HTML-encoded in the HTML form
/// (comments and item titles are people's text). The footer says why the person gets the mail and how to stop it.
/// </summary>
public sealed class MailBodyBuilder
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new("<!DOCTYPE html><html lang=\"da\"><body style=\"font-family:Segoe UI,Arial,sans-serif;font-size:15px;color:#1a1a1a;line-height:1.45\"><div style=\"max-width:640px\">");

    public MailBodyBuilder Paragraph(string text)
    {
        _text.Append(text).Append("\n\n");
        _html.Append("<p>").Append(Encode(text).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        return this;
    }

    /// <summary>A quoted text (a comment), kept as written.</summary>
    public MailBodyBuilder Quote(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            _text.Append("> ").Append(line.TrimEnd('\r')).Append('\n');
        }

        _text.Append('\n');
        _html.Append("<blockquote style=\"margin:0 0 1em 0;padding:0.5em 1em;border-left:4px solid #8a8a8a;background:#f4f4f4\">")
            .Append(Encode(text).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</blockquote>");
        return this;
    }

    public MailBodyBuilder List(IEnumerable<string> lines)
    {
        _html.Append("<ul>");
        foreach (var line in lines)
        {
            _text.Append("- ").Append(line).Append('\n');
            _html.Append("<li>").Append(Encode(line)).Append("</li>");
        }

        _text.Append('\n');
        _html.Append("</ul>");
        return this;
    }

    public MailBodyBuilder Heading(string text)
    {
        _text.Append(text).Append('\n').Append(new string('=', Math.Min(text.Length, 60))).Append("\n\n");
        _html.Append("<h2 style=\"font-size:17px\">").Append(Encode(text)).Append("</h2>");
        return this;
    }

    /// <summary>A link as a button in HTML and as "text: address" in plain text.</summary>
    public MailBodyBuilder Link(string text, string url)
    {
        _text.Append(text).Append(": ").Append(url).Append("\n\n");
        _html.Append("<p><a href=\"").Append(Encode(url)).Append("\" style=\"display:inline-block;padding:8px 14px;background:#1f4e79;color:#ffffff;text-decoration:none;border-radius:4px\">")
            .Append(Encode(text)).Append("</a></p>");
        return this;
    }

    /// <summary>Ends the mail: why the person gets it, where to choose, and the link that turns this kind off without signing in.</summary>
    public MailBody Footer(string why, string settingsUrl, string unsubscribeUrl)
    {
        _text.Append("-- \n").Append(why).Append('\n')
            .Append("Vælg hvilke mails du får: ").Append(settingsUrl).Append('\n')
            .Append("Afmeld denne slags mails: ").Append(unsubscribeUrl).Append('\n');
        _html.Append("<hr style=\"border:0;border-top:1px solid #cccccc;margin-top:2em\"><p style=\"font-size:13px;color:#4a4a4a\">")
            .Append(Encode(why)).Append("<br><a href=\"").Append(Encode(settingsUrl)).Append("\">Vælg hvilke mails du får</a> · <a href=\"")
            .Append(Encode(unsubscribeUrl)).Append("\">Afmeld denne slags mails</a></p></div></body></html>");
        return new MailBody(_text.ToString(), _html.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
