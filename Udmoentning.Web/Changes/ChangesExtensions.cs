namespace Udmoentning.Web.Changes;

public static class ChangesExtensions
{
    /// <summary>The services every item change passes through, and what lets a user undo their own last change.</summary>
    public static IHostApplicationBuilder AddChanges(this IHostApplicationBuilder builder)
    {
        var undoWindow = UndoLog.WindowFrom(builder.Configuration);
        builder.Services.AddSingleton(sp => new UndoLog(sp.GetRequiredService<TimeProvider>(), undoWindow));
        builder.Services.AddSingleton<ChangePipeline>();
        builder.Services.AddSingleton<PlanItemService>();
        return builder;
    }
}
