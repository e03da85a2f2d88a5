using System.Globalization;
using CsCheck;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Board;

namespace Udmoentning.Tests.Import;

/// <summary>
/// Issue 30, point 3 (ADR 0019): the form and the import read Danish timings and dates with one grammar. Generated
/// Danish-looking texts go through each one's real entry point, and both must accept exactly the same ones, with the same result.
/// </summary>
public sealed class DanishInputGrammarTests
{
    private static readonly string[] _timingPieces =
        ["Q", "q", "K", "k", "Primo", "medio", "ULTIMO", "halvår", "hv.", "kvt.", "kv.", "kv", "kvartal", ".", ". ", " ", "-", "1", "2", "3", "4", "5", "2027"];

    private static readonly string[] _datePieces =
        ["1", "3", "07", "15", "29", "31", "5", "05", "12", "13", ".", "-", "/", " ", ". ", "maj", "Maj", "MAJ", "sep.", "sept", "september", "dec",
         "ma", "mærkedag", "2026", "2024", "2019", "2045", "2046", "26"];

    // Printable characters only: the workbook tests write them into a real .xlsx.
    private static readonly Gen<string> _junk = Junk("abcxyzæøåQK0123456789 .,-/()#");

    /// <summary>"3. kvartal 2026", "Q3 2026", "q 3 2026", "3. kv. 2026", "Primo 2027", "2027" and the like, and junk.</summary>
    private static readonly Gen<string> _timings = Gen.OneOf(
        Gen.OneOf(Gen.Const("3. kvartal 2026"), Gen.Const("Q3 2026"), Gen.Const("q 3 2026"), Gen.Const("3. kv. 2026"), Gen.Const("Primo 2027"), Gen.Const("2027")),
        Gen.OneOf(Gen.Int[0, _timingPieces.Length - 1].Select(i => _timingPieces[i]), Gen.Int[2015, 2050].Select(Year), _junk)
            .Array[1, 5].Select(parts => string.Concat(parts)));

    /// <summary>"15.05.2026", "15/5 2026", "2026-05-15", "15. maj 2026", "3 sept 2026" and the like, and junk.</summary>
    private static readonly Gen<string> _dates = Gen.OneOf(
        Gen.Select(Gen.Int[1, 31], Gen.Int[1, 13], Gen.Int[2018, 2047], Gen.Int[0, 4]).Select(p => DateText(p.Item1, p.Item2, p.Item3, p.Item4)),
        Gen.OneOf(Gen.Int[0, _datePieces.Length - 1].Select(i => _datePieces[i]), Junk("abcxyzæøå0123456789 .-/#")).Array[1, 6].Select(parts => string.Concat(parts)))
        .Where(text => !HasTreatmentPunctuationAround(text));

    [Fact]
    public void TheItemFormAndTheImportAcceptExactlyTheSameTimingsAndSayTheSameAboutThem()
    {
        _timings.Sample(text =>
        {
            var import = CellReaders.Timing(text);
            var (form, note) = Form(text);
            var imported = import.IsOk ? import.Value : null;
            var importNote = imported is { } quarter && DanishTiming.Rewords(text, quarter);
            return import.IsOk == (form is not null || string.IsNullOrWhiteSpace(text)) && imported == form && importNote == (note is not null);
        }, iter: 20_000);
    }

    [Fact]
    public void AWorkbooksTimingsAreReadAndListedInThePreviewExactlyAsTheItemFormReadsAndNotesThem()
    {
        _timings.Array[1, 12].Sample(texts =>
        {
            var analysis = Analyze(texts, (i, text) => ["ØU-" + (i + 1), "Punkt", "ØU", "Drift", text, null]);
            for (var i = 0; i < texts.Length; i++)
            {
                var (form, note) = Form(texts[i]);
                var item = analysis.Items.SingleOrDefault(it => it.Code == "ØU-" + (i + 1));
                var accepted = form is not null || string.IsNullOrWhiteSpace(texts[i]);
                var written = texts[i].Trim();
                var listed = analysis.TimingWords.Any(w => string.Equals(w.Text, written, StringComparison.OrdinalIgnoreCase) && w.Quarter == form);
                var listedExactly = analysis.TimingWords.Any(w => w.Text == written);
                if ((item is not null) != accepted || (item is not null && item.Timing != form) || (note is not null && !listed) || (note is null && listedExactly))
                {
                    return false;
                }
            }

            return true;
        }, iter: 60);
    }

    [Fact]
    public void TheMeetingCalendarAndTheImportAcceptExactlyTheSameDates()
    {
        _dates.Array[1, 12].Sample(texts =>
        {
            var analysis = Analyze(texts, (i, text) => ["ØU-" + (i + 1), "Punkt", "ØU", "Drift", null, text]);
            for (var i = 0; i < texts.Length; i++)
            {
                var (dates, errors) = MeetingDates.ParseList(texts[i]);
                DateOnly? calendar = errors.Count == 0 && dates.Count == 1 ? dates[0] : null;
                var moved = DanishDate.TryParse(texts[i], out var move) ? move : (DateOnly?)null;
                var item = analysis.Items.SingleOrDefault(it => it.Code == "ØU-" + (i + 1));
                DateOnly? imported = item is { TreatmentCommittee: "ØU", TreatmentMeeting: { } date } ? date : null;
                if (calendar != imported || moved != calendar)
                {
                    return false;
                }
            }

            return true;
        }, iter: 60);
    }

    [Theory]
    [InlineData("2027")]
    [InlineData(" 2027 ")]
    public void AYearAloneBecomesItsFourthQuarterAndTheFormAndThePreviewSaySo(string text)
    {
        var (form, note) = Form(text);
        var analysis = Analyze([text], (_, t) => ["ØU-1", "Punkt", "ØU", "Drift", t, null]);

        Assert.Equal(new Quarter(2027, 4), form);
        Assert.Equal("\"2027\" læses som Q4 2027.", note);
        Assert.Equal(new Quarter(2027, 4), Assert.Single(analysis.Items).Timing);
        Assert.Equal([new TimingWord("2027", new Quarter(2027, 4))], analysis.TimingWords);
    }

    [Fact]
    public void AYearAloneTypedAsANumberInTheWorkbookIsListedToo()
    {
        var analysis = Analyze(["x"], (_, _) => ["ØU-1", "Punkt", "ØU", "Drift", 2027.0, null]);

        Assert.Equal(new Quarter(2027, 4), Assert.Single(analysis.Items).Timing);
        Assert.Equal([new TimingWord("2027", new Quarter(2027, 4))], analysis.TimingWords);
    }

    [Theory]
    [InlineData("2019")]
    [InlineData("2046")]
    public void AYearOutsideTheAppsYearsIsRefusedByBoth(string text)
    {
        Assert.Equal((null, null), Form(text));
        Assert.Contains("mellem 2020 og 2045", CellReaders.Timing(text).Error);
    }

    private static (Quarter? Timing, string? Note) Form(string text)
    {
        var form = new ItemForm { Timing = text };
        var (details, errors) = form.ToDetails();
        return errors.Count == 0 ? (details!.Timing, form.TimingNote) : (null, form.TimingNote);
    }

    private static ImportAnalysis Analyze(string[] texts, Func<int, string, object?[]> row)
    {
        var workbook = new TestWorkbook().Sheet("Plan", s =>
        {
            s.Row("Nr.", "Titel", "Udvalg", "Type", "Tidspunkt", "Politisk behandling");
            for (var i = 0; i < texts.Length; i++)
            {
                s.Row(row(i, texts[i]));
            }
        });
        return ImportFixtures.Analyze(workbook);
    }

    private static Gen<string> Junk(string characters) => Gen.Char[characters].Array[0, 4].Select(chars => new string(chars));

    /// <summary>
    /// The "politisk behandling" column reads "ØU - 15.05.2026" and "(15.05.2026)": a dash or brackets around the date belong to
    /// that column's own syntax of committee and date, not to the date. The meeting calendar's "," and ";" separate a list
    /// of dates; the generated dates have neither.
    /// </summary>
    private static bool HasTreatmentPunctuationAround(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > 0 && ("-–(),;:".Contains(trimmed[0]) || "-–(),;:".Contains(trimmed[^1]));
    }

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string DateText(int day, int month, int year, int form) => form switch
    {
        0 => $"{day:00}.{month:00}.{year}",
        1 => $"{day}/{month} {year}",
        2 => $"{year}-{month:00}-{day:00}",
        3 => $"{day}. {Month(month)} {year}",
        _ => $"{day} {Month(month)[..Math.Min(4, Month(month).Length)]}. {year}",
    };

    private static string Month(int month) => month is >= 1 and <= 12
        ? CultureInfo.GetCultureInfo("da-DK").DateTimeFormat.GetMonthName(month)
        : "trettende";
}
