using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Collaboration;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Integration;

/// <summary>Two nodes on one database and one real Redis: a comment written on one node reaches the open threads and cards on the other.</summary>
public sealed class CommentsBetweenNodesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACommentOnOneNodeReachesTheViewersOfTheOtherWithTheNewCount()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var planId = (await nodes.A.Services.GetRequiredService<PlanCache>().DefaultAsync(Token))!.Id;
        var item = (await nodes.B.Services.GetRequiredService<PlanCache>().GetAsync(planId, Token))!.Items[0];
        using var viewerOnB = new ChangeRecorder(nodes.B.Services, planId);
        var editor = await TestUsers.PrincipalAsync(nodes.A.Services, TestUsers.EditorAu);
        var reader = await TestUsers.PrincipalAsync(nodes.B.Services, TestUsers.Reader);

        var outcome = await nodes.A.Services.GetRequiredService<PlanItemService>().AddCommentAsync(editor, item.Id, "Skrevet på node A", Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        var change = await viewerOnB.NextAsync();
        Assert.Equal((ChangeKind.Commented, item.Id, item.CommentCount + 1), (change.Kind, change.Item.Id, change.Item.CommentCount));
        var thread = await nodes.B.Services.GetRequiredService<CommentReader>().ThreadAsync(reader, item.Id, Token);
        Assert.Equal("Skrevet på node A", Assert.Single(thread.Comments).Text);
        var cardOnB = (await nodes.B.Services.GetRequiredService<PlanCache>().GetAsync(planId, Token))!.Items.Single(i => i.Id == item.Id);
        Assert.Equal(item.CommentCount + 1, cardOnB.CommentCount);
    }
}
