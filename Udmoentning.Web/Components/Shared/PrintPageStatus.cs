namespace Udmoentning.Web.Components.Shared;

/// <summary>The status of a page rendered once on the server (a print page: the annex, a round's report, the questions' document).</summary>
public static class PrintPageStatus
{
    /// <summary>
    /// Answers 404 while the page shows its own message. A 404 set while rendering makes Blazor leave the body to the
    /// general not-found page; set as the response starts, it keeps this page's own message.
    /// </summary>
    public static void NotFound(HttpContext? context)
    {
        if (context is not { Response.HasStarted: false })
        {
            return;
        }

        context.Response.OnStarting(() =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
