using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Data;
using Udmoentning.Web.Notifications;

namespace Udmoentning.Tests.Notifications;

/// <summary>
/// Nothing lost, nothing twice: the mail server down while a round opens, then back; a second node on the same database
/// sending beside the first; a node killed while mails wait. Each time every mail arrives exactly once. On PostgreSQL, as
/// several nodes run in production (a server database); the other mail tests run on SQLite.
/// </summary>
public sealed class OutboxTests(PostgresMailApp app) : IClassFixture<PostgresMailApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private IDbContextFactory<PlanDbContext> Contexts => app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();

    [Fact]
    public async Task MailsWrittenWhileTheServerIsDownOrANodeIsKilledArriveExactlyOnceAndTwoNodesNeverSendOneTwice()
    {
        // The mail server is down while the round opens: the mails wait, and the administration page says why.
        await app.Smtp.StopAsync();
        var first = await OpenRoundAsync();
        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        var outbox = app.Services.GetRequiredService<OutboxAdministration>();
        Assert.True(await Poll.UntilAsync(async () => (await outbox.StatusAsync(administrator, Token))?.ServerError is not null, TimeSpan.FromSeconds(15)), "The outbox never said the server was down.");
        var status = (await outbox.StatusAsync(administrator, Token))!;
        Assert.Contains($"Mailserveren 127.0.0.1:{app.Smtp.Port} kunne ikke nås", status.ServerError, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(first.Id, OutboxState.Waiting));

        await app.Smtp.StartAgainAsync();
        await AssertEachOnceAsync(first.Name, 2);

        // A second node on the same database, sending beside the first.
        var settings = AppNode.TestSettings();
        foreach (var (key, value) in app.DatabaseSettings())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in app.Smtp.AppSettings("__"))
        {
            settings[key] = value;
        }

        await using var second = await AppNode.StartAsync("second", settings);

        // More mails with both nodes up: still once each.
        var both = await OpenRoundAsync();
        await AssertEachOnceAsync(both.Name, 2);

        // This node's sender stops, so the second node takes the right to send; then, with the server down, a round opens
        // here and the second node is killed while its mails wait. This node's sender starts again and takes over.
        var sender = app.Services.GetRequiredService<OutboxSender>();
        await sender.StopAsync(Token);
        Assert.True(await Poll.UntilAsync(async () => await HolderAsync() is { } holder && !holder.Contains($"/{Environment.ProcessId}/", StringComparison.Ordinal), TimeSpan.FromSeconds(20)),
            "The second node never took the right to send.");
        await app.Smtp.StopAsync();
        var killed = await OpenRoundAsync();
        await second.KillAsync();
        Assert.Equal(2, await CountAsync(killed.Id, OutboxState.Waiting));
        await sender.StartAsync(Token);
        await app.Smtp.StartAgainAsync();
        await AssertEachOnceAsync(killed.Name, 2);
        await using var db = await Contexts.CreateDbContextAsync(Token);
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.State == OutboxState.Failed, Token));
    }

    [Fact]
    public async Task AnAdministratorSeesTheOutboxAndCanSendAMailAgainButNoOneElseCan()
    {
        var round = await OpenRoundAsync();
        await AssertEachOnceAsync(round.Name, 2);
        var outbox = app.Services.GetRequiredService<OutboxAdministration>();
        var administrator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Administrator);
        var editor = await TestUsers.PrincipalAsync(app.Services, TestUsers.EditorAu);
        var sent = (await outbox.ListAsync(administrator, OutboxState.Sent, 0, Token)).First(m => m.Subject.Contains(round.Name, StringComparison.Ordinal));
        Assert.Empty(await outbox.ListAsync(editor, null, 0, Token));
        Assert.Null(await outbox.StatusAsync(editor, Token));

        var refused = await outbox.ResendAsync(editor, sent.Id, Token);
        Assert.Equal(Udmoentning.Web.Changes.ChangeStatus.Forbidden, refused.Status);
        var resent = await outbox.ResendAsync(administrator, sent.Id, Token);
        Assert.True(resent.Succeeded, resent.Message);
        var twice = await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Single().Address == sent.ToAddress && (m.Subject ?? "").Contains(round.Name, StringComparison.Ordinal), 2);
        Assert.Equal(2, twice.Count);
        Assert.Single(twice.Select(m => m.MessageId).Distinct());
        var again = await outbox.ResendAsync(administrator, 987654321, Token);
        Assert.Equal(Udmoentning.Web.Changes.ChangeStatus.NotFound, again.Status);
    }

    private async Task<(int Id, string Name)> OpenRoundAsync()
    {
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var name = $"Runde {Guid.NewGuid():N}"[..20];
        var opened = await app.Services.GetRequiredService<PlanAdministration>().OpenRoundAsync(coordinator, 1, new RoundForm(name, new DateOnly(2027, 6, 30), null), Token);
        Assert.True(opened.Succeeded, opened.Message);
        return (opened.Value, name);
    }

    private async Task<string?> HolderAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.OutboxLeases.Where(l => l.Name == OutboxLease.OutboxName).Select(l => l.Holder).SingleOrDefaultAsync(Token);
    }

    private async Task<int> CountAsync(int roundId, OutboxState state)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.Outbox.CountAsync(m => m.Key.StartsWith($"round:{roundId}:") && m.State == state, Token);
    }

    /// <summary>Waits for the round's mails, then until the outbox has sent them all, and checks none came twice.</summary>
    private async Task AssertEachOnceAsync(string roundName, int count)
    {
        bool Of(MimeMessage m) => (m.Subject ?? string.Empty).Contains(roundName, StringComparison.Ordinal);
        await app.Smtp.WaitForAsync(Of, count, TimeSpan.FromSeconds(60));
        await using var db = await Contexts.CreateDbContextAsync(Token);
        Assert.True(await Poll.UntilAsync(async () => await db.Outbox.CountAsync(m => m.Subject.Contains(roundName) && m.State == OutboxState.Sent, Token) == count, TimeSpan.FromSeconds(30)));
        var received = app.Smtp.Received().Where(Of).ToList();
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(count, received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
    }
}
