namespace Udmoentning.Domain.History;

/// <summary>
/// One saved change to the plan's structure (the plan, its main themes, committees, meetings) or an import:
/// who, when, what, and each field's old and new value. Kept like item history, for aktindsigt.
/// </summary>
public sealed class AdministrationEntry
{
    private AdministrationEntry()
    {
        Subject = SubjectName = UserId = UserName = Kind = string.Empty;
        Changes = [];
    }

    public AdministrationEntry(int? planId, string subject, string subjectName, DateTime at, string userId, string userName, string kind, IReadOnlyList<FieldChange> changes)
    {
        PlanId = planId;
        Subject = subject;
        SubjectName = subjectName.Length > 200 ? subjectName[..200] : subjectName;
        At = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        UserId = userId;
        UserName = userName;
        Kind = kind;
        Changes = changes;
    }

    /// <summary>The longest <see cref="Kind"/> the database stores.</summary>
    public const int KindLength = 20;

    public long Id { get; private set; }

    /// <summary>The plan concerned; null for committees and meetings, which every plan shares.</summary>
    public int? PlanId { get; private set; }

    /// <summary>"Plan", "Hovedpunkt", "Udvalg", "Møde" or "Import".</summary>
    public string Subject { get; private set; }

    public string SubjectName { get; private set; }
    public DateTime At { get; private set; }
    public string UserId { get; private set; }
    public string UserName { get; private set; }

    /// <summary>"Oprettet", "Ændret", "Fjernet", "Aflyst" ...</summary>
    public string Kind { get; private set; }

    public IReadOnlyList<FieldChange> Changes { get; private set; }
}
