namespace Udmoentning.Domain.Questions;

/// <summary>Where a politician's question stands, in the words the municipality uses.</summary>
public enum QuestionStatus
{
    /// <summary>Modtaget: asked, waiting for a coordinator to number and assign it.</summary>
    Received = 1,

    /// <summary>Fordelt: numbered and assigned to someone who answers it by a deadline (also after an answer is sent back).</summary>
    Assigned = 2,

    /// <summary>Besvaret: an answer waits for a coordinator's approval.</summary>
    Answered = 3,

    /// <summary>Offentliggjort: the approved answer is published to every member.</summary>
    Published = 4,

    /// <summary>Lagt sammen: the same as another question, which is answered instead.</summary>
    Merged = 5,
}

/// <summary>What a question is asked about: the plan as a whole, a main theme, a committee's extract or an item.</summary>
public enum QuestionScope
{
    Plan = 1,
    Theme = 2,
    Committee = 3,
    Item = 4,
}

public static class QuestionStatusNames
{
    public static string Name(this QuestionStatus status) => status switch
    {
        QuestionStatus.Received => "Modtaget",
        QuestionStatus.Assigned => "Fordelt",
        QuestionStatus.Answered => "Besvaret",
        QuestionStatus.Published => "Offentliggjort",
        QuestionStatus.Merged => "Lagt sammen",
        _ => status.ToString(),
    };

    /// <summary>Still with the administration: not yet published nor merged.</summary>
    public static bool IsOpen(this QuestionStatus status) => status is QuestionStatus.Received or QuestionStatus.Assigned or QuestionStatus.Answered;
}
