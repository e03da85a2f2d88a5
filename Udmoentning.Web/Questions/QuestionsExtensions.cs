using Udmoentning.Web.ApiReference;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Questions.Document;

namespace Udmoentning.Web.Questions;

public static class QuestionsExtensions
{
    /// <summary>Politicians' questions on the plan (issue 35): asked, numbered, assigned, answered, approved and published.</summary>
    public static IHostApplicationBuilder AddQuestions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QuestionService>();
        builder.Services.AddSingleton<QuestionReader>();
        builder.Services.AddSingleton<PublishedQuestionsReader>();
        return builder;
    }

    /// <summary>The published questions and answers as a workbook, for the whole plan or, with ?udvalg=, one committee's.</summary>
    public static WebApplication MapQuestions(this WebApplication app)
    {
        app.MapDownloads().MapFile("/plan/{id:int}/spoergsmaal/samlet.xlsx", async (int id, string? udvalg, PublishedQuestionsReader reader, CancellationToken cancellationToken) =>
        {
            var (document, problem) = await reader.ReadAsync(id, udvalg, cancellationToken);
            return document is null
                ? Results.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.File(PublishedQuestionsWorkbook.Write(document), PublishedQuestionsWorkbook.ContentType,
                    PublishedQuestionsWorkbook.FileName(document.Slug, document.BudgetPeriod, document.Date));
        })
        .Described(ApiTags.Questions, "Hent spørgsmål og svar som regneark",
            "The published questions and their answers as an Excel workbook, for the whole plan or, with `udvalg`, one committee's.")
        .AnswersFile(PublishedQuestionsWorkbook.ContentType, StatusCodes.Status404NotFound);
        return app;
    }
}
