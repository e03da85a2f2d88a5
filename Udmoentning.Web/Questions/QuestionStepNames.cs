using Udmoentning.Domain.History;

namespace Udmoentning.Web.Questions;

/// <summary>
/// The name of each step of a question in the history and its timeline; each fits <see cref="AdministrationEntry.KindLength"/>
/// (PostgreSQL and SQL Server refuse a longer one where SQLite stored it).
/// </summary>
public static class QuestionStepNames
{
    public const string Asked = "Stillet";
    public const string AskedBySplit = "Stillet (delt fra)";
    public const string Assigned = "Fordelt";
    public const string Drafted = "Udkast gemt";
    public const string Submitted = "Til godkendelse";
    public const string SentBack = "Sendt tilbage";
    public const string Approved = "Godkendt";
    public const string Split = "Delt";
    public const string Merged = "Lagt sammen";

    public static IReadOnlyList<string> All { get; } = [Asked, AskedBySplit, Assigned, Drafted, Submitted, SentBack, Approved, Split, Merged];

    /// <summary>The steps a member outside the administration sees in a timeline (never a draft saved or an answer sent back).</summary>
    public static IReadOnlySet<string> Public { get; } = new HashSet<string>(StringComparer.Ordinal) { Asked, AskedBySplit, Assigned, Split, Merged, Approved };
}
