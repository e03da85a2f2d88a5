using Microsoft.AspNetCore.Http.HttpResults;
using Udmoentning.Web.ApiReference;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Questions.Document;

namespace Udmoentning.Web.Public;

public static class PublicPlanExtensions
{
    /// <summary>
    /// The public page of a plan an administrator opened (<see cref="PublicPlan"/>): anonymous and cacheable for a minute by
    /// browsers and proxies. A plan that does not exist and one that is not public get the same 404, so nothing about the
    /// other plans can be learnt from it. Built from the shared copy of the plan in memory, so a visit costs no query, but one
    /// for the published questions when the plan shows them.
    /// </summary>
    public static WebApplication MapPublicPlan(this WebApplication app)
    {
        app.MapDownloads().MapGet("/offentlig/plan/{id:int}", async (int id, HttpContext context, PlanCache plans, PublishedQuestionsReader questions, CancellationToken cancellationToken) =>
        {
            var snapshot = await plans.GetAsync(id, cancellationToken);
            var published = snapshot is { Plan: { IsPublic: true, PublishesQuestions: true } } ? await questions.RowsAsync(snapshot, null, cancellationToken) : [];
            var plan = snapshot is null ? null : PublicPlan.From(snapshot, published);
            var headers = context.Response.Headers;
            if (plan is null)
            {
                headers.CacheControl = "no-store";
                return new RazorComponentResult<PublicPlanDocument> { StatusCode = StatusCodes.Status404NotFound };
            }

            headers.CacheControl = "public, max-age=60";
            headers.ETag = plan.ETag;
            if (context.Request.Headers.IfNoneMatch.Any(tag => tag is not null && tag.Split(',').Any(t => t.Trim() == plan.ETag || t.Trim() == "*")))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return new RazorComponentResult<PublicPlanDocument>(new { Plan = plan });
        }).AllowAnonymous()
        .Described(ApiTags.Public, "Den offentlige side for en plan",
            "A plan an administrator made public, as an HTML page anyone may read (and published questions if the plan shows them). Cacheable for a minute; send If-None-Match with the ETag for a 304. A plan that does not exist and one that is not public both answer 404.")
        .AnswersFile("text/html")
        .Produces(StatusCodes.Status304NotModified)
        .Produces(StatusCodes.Status404NotFound, contentType: "text/html");
        return app;
    }
}
