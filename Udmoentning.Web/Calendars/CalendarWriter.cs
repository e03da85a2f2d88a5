using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Udmoentning.Domain;

namespace Udmoentning.Web.Calendars;

/// <summary>Writes a <see cref="CalendarFeed"/> as iCalendar (RFC 5545) with Ical.Net.</summary>
public static class CalendarWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <param name="now">The time of writing: every event's DTSTAMP.</param>
    public static string Write(CalendarFeed feed, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//Udmoentning//Kalender//DA", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", feed.Name);
        calendar.AddProperty("X-WR-TIMEZONE", DanishTime.ZoneId);
        // A hint to clients that poll: once an hour is enough for meetings and deadlines.
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        // Events are whole days (meetings have a date, not a time), so none refers to the zone; it is there so that a
        // client adds the events to the Danish day and shows the calendar as Danish.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(DanishTime.ZoneId, new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc), includeHistoricalData: false));
        var stamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId);
        foreach (var entry in feed.Entries)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = entry.Uid,
                Sequence = entry.Sequence,
                DtStamp = stamp,
                DtStart = new CalDateTime(entry.Date),
                DtEnd = new CalDateTime(entry.Date.AddDays(1)),
                Summary = entry.Summary,
                Description = entry.Description,
                Url = entry.Link,
                Status = entry.IsCancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                // A day with a meeting is not a busy day: the meeting's hours are not known here.
                Transparency = TransparencyType.Transparent,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }
}
