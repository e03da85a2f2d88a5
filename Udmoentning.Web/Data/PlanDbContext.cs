using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Access;
using Udmoentning.Web.Calendars;
using Udmoentning.Web.Meetings;
using Udmoentning.Web.Notifications;
using Udmoentning.Web.Tokens;

namespace Udmoentning.Web.Data;

/// <summary>
/// The plan's storage model. Each database provider has a derived context of its own
/// (see <c>Providers/</c>) so that each keeps its own migrations.
/// It also holds the data-protection keys, so that every node reads the same cookies and antiforgery tokens.
/// </summary>
public abstract class PlanDbContext(DbContextOptions options) : IdentityDbContext<PlanUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<MainTheme> Themes => Set<MainTheme>();
    public DbSet<Committee> Committees => Set<Committee>();
    public DbSet<CommitteeMeeting> Meetings => Set<CommitteeMeeting>();
    public DbSet<PlanItem> Items => Set<PlanItem>();
    public DbSet<ItemHistoryEntry> History => Set<ItemHistoryEntry>();
    public DbSet<AdministrationEntry> AdministrationHistory => Set<AdministrationEntry>();
    public DbSet<EconomicTarget> Targets => Set<EconomicTarget>();
    public DbSet<FollowUpSnapshot> FollowUps => Set<FollowUpSnapshot>();
    public DbSet<ItemComment> Comments => Set<ItemComment>();
    public DbSet<FollowUpRound> Rounds => Set<FollowUpRound>();
    public DbSet<RoundItem> RoundItems => Set<RoundItem>();
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();
    public DbSet<StoredMeeting> MeetingPresentations => Set<StoredMeeting>();
    public DbSet<OutboxMail> Outbox => Set<OutboxMail>();
    public DbSet<MailPreference> MailPreferences => Set<MailPreference>();
    public DbSet<OutboxLease> OutboxLeases => Set<OutboxLease>();
    public DbSet<CalendarToken> CalendarTokens => Set<CalendarToken>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<ItemAccountLine> AccountLines => Set<ItemAccountLine>();
    public DbSet<LedgerSnapshot> LedgerSnapshots => Set<LedgerSnapshot>();
    public DbSet<LedgerBalanceRow> LedgerBalances => Set<LedgerBalanceRow>();
    public DbSet<Udmoentning.Domain.Questions.PlanQuestion> Questions => Set<Udmoentning.Domain.Questions.PlanQuestion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PlanDbContext).Assembly);
    }
}
