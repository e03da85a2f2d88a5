using System.Diagnostics;
using System.Text;
using Ical.Net;

namespace Udmoentning.Tests.Calendars;

/// <summary>An event as a calendar client reads it.</summary>
public sealed record ReadEvent(string Uid, int Sequence, string Status, DateOnly Date, bool AllDay, string Summary, string Description, string? Url);

/// <summary>A calendar as a client reads it: its name, the time zones it declares and its events.</summary>
public sealed record ReadCalendar(string Name, string TimeZone, IReadOnlyList<string> TimeZones, IReadOnlyList<ReadEvent> Events)
{
    public ReadEvent Event(string uid) => Events.Single(e => e.Uid == uid);
}

/// <summary>
/// Reads a feed back with two parsers that share no code with each other: Ical.Net (which wrote it) and Python's icalendar
/// (Debian's <c>python3-icalendar</c>, installed by <c>test.sh</c>), as another calendar client would.
/// </summary>
public static class CalendarReaders
{
    private const string Python = """
        import sys
        from icalendar import Calendar
        cal = Calendar.from_ical(sys.stdin.buffer.read())
        def one(text):
            return str(text).replace('\\', '\\\\').replace('\n', '\\n').replace('\t', ' ')
        print('NAME\t' + one(cal.get('X-WR-CALNAME')) + '\t' + one(cal.get('X-WR-TIMEZONE')))
        for tz in cal.walk('VTIMEZONE'):
            print('TZ\t' + one(tz.get('TZID')))
        for ev in cal.walk('VEVENT'):
            start = ev.decoded('DTSTART')
            print('\t'.join(['EVENT', one(ev.get('UID')), str(ev.get('SEQUENCE')), one(ev.get('STATUS')), start.isoformat(),
                             str(not hasattr(start, 'hour')), one(ev.get('SUMMARY')), one(ev.get('DESCRIPTION')), one(ev.get('URL'))]))
        """;

    public static ReadCalendar WithIcalNet(string text)
    {
        var calendar = Calendar.Load(text) ?? throw new InvalidOperationException("Ical.Net read no calendar.");
        return new ReadCalendar(
            calendar.Properties["X-WR-CALNAME"]?.Value?.ToString() ?? string.Empty,
            calendar.Properties["X-WR-TIMEZONE"]?.Value?.ToString() ?? string.Empty,
            [.. calendar.TimeZones.Select(z => z.TzId ?? string.Empty)],
            [.. calendar.Events.Select(e => new ReadEvent(e.Uid!, e.Sequence, e.Status ?? string.Empty, e.DtStart!.Date, !e.DtStart.HasTime,
                e.Summary ?? string.Empty, e.Description ?? string.Empty, e.Url?.ToString()))]);
    }

    public static async Task<ReadCalendar> WithPythonAsync(string text, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Python);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(text);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3-icalendar could not read the feed: {await errors}");
        }

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        var name = lines.Single(l => l[0] == "NAME");
        return new ReadCalendar(
            Text(name[1]),
            Text(name[2]),
            [.. lines.Where(l => l[0] == "TZ").Select(l => Text(l[1]))],
            [.. lines.Where(l => l[0] == "EVENT").Select(l => new ReadEvent(
                Text(l[1]), int.Parse(l[2], System.Globalization.CultureInfo.InvariantCulture), Text(l[3]), DateOnly.Parse(l[4], System.Globalization.CultureInfo.InvariantCulture),
                l[5] == "True", Text(l[6]), Text(l[7]), l[8] == "None" ? null : Text(l[8])))]);
    }

    private static string Text(string escaped) =>
        System.Text.RegularExpressions.Regex.Replace(escaped, @"\\(.)", m => m.Groups[1].Value == "n" ? "\n" : m.Groups[1].Value);
}
