namespace Udmoentning.Web.Administration;

public static class AdministrationExtensions
{
    /// <summary>Plans, themes, committees, meetings, targets and users, as administrators keep them.</summary>
    public static IHostApplicationBuilder AddAdministration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlanAdministration>();
        builder.Services.AddScoped<UserAdministration>();
        return builder;
    }
}
