using Udmoentning.Web;
using Udmoentning.Web.Data;
using Udmoentning.Web.Extensions;

WebApplication? app = null;
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Find(args) });
    MigrateCommand.Configure(builder, args);
    builder.AddTelemetry();
    builder.AddPlanningData();
    builder.AddAccess();
    builder.AddProtection();
    builder.AddRealtime();
    builder.AddPlanning();
    builder.AddMeetings();
    builder.AddPresence();
    builder.AddUi();
    builder.AddHealth();

    app = builder.Build();
    if (MigrateCommand.IsRequested(args))
    {
        return await MigrateCommand.RunAsync(app);
    }

    app.UseProtection();
    app.UseUi();
    app.MapAccount();
    app.MapRealtime();
    app.MapPlanning();
    app.MapDiagnostics();
    app.MapHealth();
    app.MapTelemetry();
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
