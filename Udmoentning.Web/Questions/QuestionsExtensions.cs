namespace Udmoentning.Web.Questions;

public static class QuestionsExtensions
{
    /// <summary>Politicians' questions on the plan (issue 35): asked, numbered, assigned, answered, approved and published.</summary>
    public static IHostApplicationBuilder AddQuestions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QuestionService>();
        builder.Services.AddSingleton<QuestionReader>();
        return builder;
    }
}
