using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Meetings;

/// <summary>
/// Keeps each meeting's newest state in the database, so a presentation goes on where it was when its node restarts (or
/// every node does): at start-up the stored meetings go into the <see cref="MeetingRegistry"/> before the node serves a page,
/// and every state made on this node is written after it is shown, the newest per meeting, never over a newer one. A
/// meeting last changed more than <see cref="KeptFor"/> ago is forgotten. A write that fails is logged and the meeting goes on;
/// the next step writes it again.
/// </summary>
public sealed class MeetingStore(
    MeetingRegistry meetings,
    PlanCache plans,
    IDbContextFactory<PlanDbContext> contexts,
    TimeProvider clock,
    ILogger<MeetingStore> logger) : BackgroundService
{
    /// <summary>How long an ended or abandoned meeting is kept: a day, so its summary outlives a restart the same day.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<MeetingState> _written = Channel.CreateUnbounded<MeetingState>(new UnboundedChannelOptions { SingleReader = true });

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            logger.LogWarning(e, "The meetings being presented could not be read from the database; they start again when their presenter starts them");
        }

        meetings.Published += Keep;
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        meetings.Published -= Keep;
        _written.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Called under the meeting's lock: only queues.</summary>
    private void Keep(MeetingState state) => _written.Writer.TryWrite(state);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var newest = new Dictionary<MeetingKey, MeetingState>();
        // Written even while stopping: the last step before a restart is the one the restarted node must show.
        while (await _written.Reader.WaitToReadAsync(CancellationToken.None))
        {
            newest.Clear();
            while (_written.Reader.TryRead(out var state))
            {
                newest[state.Key] = state;
            }

            foreach (var state in newest.Values)
            {
                try
                {
                    await SaveAsync(state);
                }
                catch (Exception e) when (e is DbUpdateException || StorageFailure.Is(e))
                {
                    logger.LogWarning(e, "Step {Sequence} of the meeting {Slug} in plan {PlanId} could not be kept in the database; a restart would show an earlier step",
                        state.Sequence, state.Key.Slug, state.Key.PlanId);
                }
            }
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var oldest = clock.GetUtcNow().UtcDateTime - KeptFor;
        await db.MeetingPresentations.Where(m => m.SavedAt < oldest).ExecuteDeleteAsync(cancellationToken);
        foreach (var stored in await db.MeetingPresentations.AsNoTracking().ToListAsync(cancellationToken))
        {
            if (Read(stored) is not { } state || await plans.GetAsync(stored.PlanId, cancellationToken) is not { } snapshot
                || MeetingScope.For(snapshot, stored.Slug) is not { } scope)
            {
                continue;
            }

            meetings.Apply(state, scope);
        }
    }

    private MeetingState? Read(StoredMeeting stored)
    {
        try
        {
            return JsonSerializer.Deserialize<MeetingState>(stored.State, Json) is { } state && state.Key == new MeetingKey(stored.PlanId, stored.Slug) ? state : null;
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "The stored meeting {Slug} in plan {PlanId} could not be read; it starts again when its presenter starts it", stored.Slug, stored.PlanId);
            return null;
        }
    }

    /// <summary>Inserts or updates the meeting's row, unless the row holds a newer state (another node wrote it).</summary>
    private async Task SaveAsync(MeetingState state)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var row = await db.MeetingPresentations.FindAsync(state.Key.PlanId, state.Key.Slug);
            if (row is not null && row.Sequence > state.Sequence)
            {
                return;
            }

            if (row is null)
            {
                row = new StoredMeeting { PlanId = state.Key.PlanId, Slug = state.Key.Slug };
                db.MeetingPresentations.Add(row);
            }

            row.Sequence = state.Sequence;
            row.State = JsonSerializer.Serialize(state, Json);
            row.SavedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync();
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node inserted the row first: read it again.
            }
        }
    }
}
