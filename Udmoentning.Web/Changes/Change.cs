using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Changes;

/// <summary>
/// One attempt at a change, as <see cref="ChangePipeline"/> hands it to a step: a fresh context, who makes the change (their
/// rights as they are now) and when. The step adds its history records here, and queues what every viewer is told; that is
/// published only after the save has committed.
/// </summary>
public sealed class Change(PlanDbContext db, Actor actor, DateTimeOffset now)
{
    private readonly List<Func<PlanChangePublisher, CancellationToken, Task>> _publications = [];

    public PlanDbContext Db => db;

    public Actor Actor => actor;

    public DateTimeOffset Now => now;

    /// <summary>The moment as stored (UTC).</summary>
    public DateTime At => now.UtcDateTime;

    internal IReadOnlyList<Func<PlanChangePublisher, CancellationToken, Task>> Publications => _publications;

    /// <summary>The step wrote mails to the outbox (through <see cref="Notifications.Mailer"/>): the sender is woken after the commit.</summary>
    internal bool HasMail { get; private set; }

    internal void NoteMail() => HasMail = true;

    /// <summary>The item's history record of this change: who, when, what kind, and each field old to new.</summary>
    public void Record(PlanItem item, string kind, IReadOnlyList<FieldChange> changes) =>
        db.History.Add(new ItemHistoryEntry(item.PlanId, item.Id, item.Code, At, actor.UserId, actor.Name, kind, changes));

    /// <summary>A record of an administrative change (a plan, a theme, a committee, a meeting, a round, an import).</summary>
    public void Record(int? planId, string subject, string name, string kind, IReadOnlyList<FieldChange> changes) =>
        db.AdministrationHistory.Add(new AdministrationEntry(planId, subject, name, At, actor.UserId, actor.Name, kind, changes));

    /// <summary>Tells the item's viewers after the commit; <paramref name="previous"/> is where the item stood before.</summary>
    public void Publish(ChangeKind kind, PlanItem item, (ItemStatus Status, IReadOnlyList<int> Committees) previous)
    {
        var origin = ChangeOrigin.Current;
        _publications.Add((publisher, cancellationToken) =>
            publisher.PublishAsync(new ItemChange(item.PlanId, kind, item, previous.Status, previous.Committees, actor.Name, now, origin), cancellationToken));
    }

    /// <summary>Tells every open page of the plan (every plan, with no <paramref name="planId"/>) to reload after the commit.</summary>
    public void Publish(int? planId, string description, PlanPart part = PlanPart.Structure) =>
        _publications.Add((publisher, cancellationToken) => publisher.PublishAsync(new StructureChange(planId, description, actor.Name, now, part), cancellationToken));
}
