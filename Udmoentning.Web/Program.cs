using Udmoentning.Web;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Annex;
using Udmoentning.Web.ApiReference;
using Udmoentning.Web.Board.Views;
using Udmoentning.Web.Calendars;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Collaboration;
using Udmoentning.Web.Components;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Backup;
using Udmoentning.Web.Economy;
using Udmoentning.Web.Feed;
using Udmoentning.Web.Ledger;
using Udmoentning.Web.History;
using Udmoentning.Web.ImportExport;
using Udmoentning.Web.Meetings;
using Udmoentning.Web.Notifications;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Public;
using Udmoentning.Web.Questions;
using Udmoentning.Web.Realtime;
using Udmoentning.Web.Realtime.Presence;
using Udmoentning.Web.Rounds;
using Udmoentning.Web.Telemetry;
using Udmoentning.Web.Tokens;

WebApplication? app = null;
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Find(args) });
    MigrateCommand.Configure(builder, args);
    BackupCommand.Configure(builder, args);
    builder.AddTelemetry();
    builder.AddPlanningData();
    builder.AddAccess();
    builder.AddTokens();
    builder.AddProtection();
    builder.AddRealtime();
    builder.AddPlans();
    builder.AddChanges();
    builder.AddHistory();
    builder.AddCollaboration();
    builder.AddImportExport();
    builder.AddAdministration();
    builder.AddEconomy();
    builder.AddLedger();
    builder.AddQuestions();
    builder.AddRounds();
    builder.AddAnnex();
    builder.AddMeetings();
    builder.AddCalendars();
    builder.AddPresence();
    builder.AddNotifications();
    builder.AddFeed();
    builder.AddUi();
    builder.AddBoardViews();
    builder.AddHealth();
    builder.AddApiReference();

    app = builder.Build();
    if (MigrateCommand.IsRequested(args))
    {
        return await MigrateCommand.RunAsync(app);
    }

    if (BackupCommand.IsRequested(args))
    {
        return BackupCommand.Run(app, args);
    }

    app.UseProtection();
    app.UseUi();
    app.MapAccount();
    app.MapRealtime();
    app.MapBoardViews();
    app.MapHistory();
    app.MapImportExport();
    app.MapEconomy();
    app.MapRounds();
    app.MapAnnex();
    app.MapLedger();
    app.MapQuestions();
    app.MapMeetings();
    app.MapCalendars();
    app.MapPublicPlan();
    app.MapNotifications();
    app.MapFeed();
    app.MapDiagnostics();
    app.MapHealth();
    app.MapTelemetry();
    app.MapApiReference();
    await app.PrepareDatabaseAsync();
    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    // In the app's log too, where log collectors (and tests hosting the app) look for why a node never listened.
    app?.Logger.LogCritical("Udmøntning cannot start: {Problem}", e.Message);
    await Console.Error.WriteLineAsync($"Udmøntning cannot start: {e.Message}");
    return 1;
}

public partial class Program;
