namespace Udmoentning.Web.Collaboration;

public static class CollaborationExtensions
{
    /// <summary>Working together on an item: its comments (written through the change services) and their reader.</summary>
    public static IHostApplicationBuilder AddCollaboration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CommentReader>();
        return builder;
    }
}
