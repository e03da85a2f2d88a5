namespace Udmoentning.Web.ApiReference;

/// <summary>How a feature describes its endpoint in the OpenAPI document, beside where it maps it.</summary>
public static class EndpointDescriptions
{
    /// <summary>The feature's tag, a Danish summary (the reference page's heading) and an English description for programmers.</summary>
    public static RouteHandlerBuilder Described(this RouteHandlerBuilder endpoint, string tag, string summary, string description) =>
        endpoint.WithTags(tag).WithSummary(summary).WithDescription(description);

    /// <summary>Answers 200 with a file of <paramref name="contentType"/>, or one of <paramref name="refusals"/> with a Danish text saying why.</summary>
    public static RouteHandlerBuilder AnswersFile(this RouteHandlerBuilder endpoint, string contentType, params int[] refusals)
    {
        endpoint.Produces(StatusCodes.Status200OK, typeof(Stream), contentType);
        foreach (var status in refusals)
        {
            endpoint.Produces<string>(status, "text/plain");
        }

        return endpoint;
    }
}
