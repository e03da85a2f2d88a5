namespace Udmoentning.Domain.Plans;

/// <summary>A main theme (hovedpunkt) of the budget agreement; the plan keeps them in order.</summary>
public sealed class MainTheme
{
    private MainTheme()
    {
        Name = string.Empty;
    }

    internal MainTheme(Plan plan, string name, int position)
    {
        Plan = plan;
        Name = name;
        Position = position;
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public Plan? Plan { get; private set; }
    public string Name { get; private set; }
    public int Position { get; private set; }

    internal void Rename(string name) => Name = name;

    internal void Renumber(int position) => Position = position;
}
