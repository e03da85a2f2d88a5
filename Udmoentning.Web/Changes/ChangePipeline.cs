using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;
using Udmoentning.Web.Notifications;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Changes;

/// <summary>
/// The one way a change is made (an item's, a comment, a report in a round, an import, an administrative change), in the
/// spirit of eShop's logging, validation and transaction behaviours: the user's budget of changes (<see cref="ChangeLimiter"/>),
/// their rights as they are now (<see cref="CurrentUsers.ActorAsync"/>), the step itself on a fresh context, its records and
/// save, the publication after the commit, and one log line for each refusal. A storage failure saves nothing and answers
/// <see cref="ChangeStatus.Unavailable"/>. The retry policy is stated once, here (docs/decisions/0018): a save that meets
/// another save runs the whole step again on a fresh read, up to <see cref="Attempts"/> times; the step's own check of the
/// version the user expected answers Stale, so only conflicts on rows the user did not aim at are retried into a save.
/// </summary>
public sealed class ChangePipeline(
    IDbContextFactory<PlanDbContext> contexts,
    CurrentUsers currentUsers,
    ChangeLimiter limiter,
    PlanChangePublisher publisher,
    OutboxSignal outbox,
    TimeProvider clock,
    ILogger<ChangePipeline> logger)
{
    /// <summary>How often a change is tried when its save meets another save.</summary>
    public const int Attempts = 5;

    /// <summary>
    /// Runs <paramref name="step"/> for <paramref name="user"/>. The step reads what it changes from <see cref="Change.Db"/>,
    /// answers a refusal with a <see cref="ChangeOutcome"/> factory (nothing it changed is saved then), or changes it, records
    /// it and queues what to publish, and answers <see cref="ChangeOutcome.Saved{T}"/>.
    /// </summary>
    public Task<ChangeOutcome<T>> RunAsync<T>(ClaimsPrincipal user, ChangeRun run, Func<Change, Task<ChangeOutcome>> step, CancellationToken cancellationToken) =>
        logger.GuardAsync(async () => (await RunOnceAsync(user, run, step, cancellationToken)).As<T>(), () => ChangeOutcome.Unavailable().As<T>());

    private async Task<ChangeOutcome> RunOnceAsync(ClaimsPrincipal user, ChangeRun run, Func<Change, Task<ChangeOutcome>> step, CancellationToken cancellationToken)
    {
        if (run.Limited && !limiter.TryAcquire(user))
        {
            return ChangeOutcome.TooMany();
        }

        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (run.Gate(actor) is { } refusal)
        {
            return Refusal(actor, run, ChangeOutcome.Forbidden(refusal));
        }

        for (var attempt = 1; ; attempt++)
        {
            var (outcome, change) = run.InTransaction
                ? await contexts.InStrategyAsync(() => AttemptAsync(actor, step, inTransaction: true, cancellationToken), cancellationToken)
                : await AttemptAsync(actor, step, inTransaction: false, cancellationToken);
            if (outcome is null)
            {
                if (attempt < Attempts)
                {
                    continue;
                }

                return Refusal(actor, run, change is null ? ChangeOutcome.Refused(run.Busy) : ChangeOutcome.Invalid(run.Conflict));
            }

            if (!outcome.Succeeded)
            {
                return Refusal(actor, run, outcome);
            }

            foreach (var publish in change!.Publications)
            {
                await publish(publisher, cancellationToken);
            }

            if (change.HasMail)
            {
                outbox.Wake();
            }

            return outcome;
        }
    }

    /// <summary>
    /// One attempt on a fresh context: the step, then the save (and commit). Null when the save met another save; the change
    /// is then given back only when that was a key another save took meanwhile (a constraint), not a concurrency conflict.
    /// </summary>
    private async Task<(ChangeOutcome? Outcome, Change? Change)> AttemptAsync(Actor actor, Func<Change, Task<ChangeOutcome>> step, bool inTransaction, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = inTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var change = new Change(db, actor, clock.GetUtcNow());
        try
        {
            var outcome = await step(change);
            if (!outcome.Succeeded)
            {
                return (outcome, change);
            }

            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return (outcome, change);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, null);
        }
        catch (DbUpdateException e) when (!StorageFailure.Is(e))
        {
            logger.LogInformation(e, "A save met a key another save took; the change is read again");
            return (null, change);
        }
    }

    private ChangeOutcome Refusal(Actor actor, ChangeRun run, ChangeOutcome outcome)
    {
        // A forbidden attempt keeps a template of its own: log searches and collectors look for "Forbidden: user".
        if (outcome.Status == ChangeStatus.Forbidden)
        {
            logger.LogWarning("Forbidden: user {UserId} tried to {Action} {Subject}: {Reason}", actor.UserId, run.Action, run.Subject, outcome.Message);
        }
        else
        {
            logger.LogInformation("{Status}: user {UserId} tried to {Action} {Subject}: {Reason}", outcome.Status, actor.UserId, run.Action, run.Subject, outcome.Message);
        }

        return outcome;
    }
}

/// <summary>
/// What a change is, for <see cref="ChangePipeline"/>: <see cref="Action"/> and <see cref="Subject"/> name it in the log
/// ("move", "item 12"); <see cref="Gate"/> says who may try it at all, before anything is read (by default anyone signed in;
/// the step checks the rights on what it changes).
/// </summary>
public sealed record ChangeRun(string Action, string Subject)
{
    public const string DefaultBusy = "Punktet ændres af mange lige nu, så ændringen blev ikke gemt. Prøv igen om et øjeblik.";

    public const string DefaultConflict = "Ændringen strider mod noget, der allerede findes (fx et nummer, en forkortelse eller en dato, der er brugt). Intet er gemt.";

    public Func<Actor, string?> Gate { get; init; } = actor => AccessRules.CanView(actor) ? null : AccessRules.NotSignedIn;

    /// <summary>Counted against the user's budget of changes (<see cref="ChangeLimiter"/>); administration is not.</summary>
    public bool Limited { get; init; } = true;

    /// <summary>The step saves more than once (to learn new ids): all its saves and records commit together.</summary>
    public bool InTransaction { get; init; }

    /// <summary>The answer when every attempt met another save.</summary>
    public string Busy { get; init; } = DefaultBusy;

    /// <summary>The answer when every attempt met a key another save had taken.</summary>
    public string Conflict { get; init; } = DefaultConflict;

    public static string Item(int id) => $"item {id}";

    /// <summary>
    /// An administrative change (a plan's structure, an import): coordinators and administrators only, not counted against
    /// the budget of item changes, its saves and records in one transaction.
    /// </summary>
    public static ChangeRun Administrative(string action, string subject) => new(action, subject)
    {
        Gate = actor => AccessRules.CanManagePlans(actor) ? null : actor.IsSignedIn ? AccessRules.NotPlanManager : AccessRules.NotSignedIn,
        Limited = false,
        InTransaction = true,
    };
}
