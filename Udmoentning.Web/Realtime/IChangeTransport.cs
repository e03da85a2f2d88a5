namespace Udmoentning.Web.Realtime;

/// <summary>
/// Carries saved changes to every web node, including the one that saved them. In one process
/// it is <see cref="InProcessChangeTransport"/>; with several nodes a Redis implementation takes its place.
/// Nothing else may assume that every viewer lives in this process.
/// </summary>
public interface IChangeTransport
{
    Task PublishAsync(ItemChange change, CancellationToken cancellationToken = default);

    Task PublishAsync(StructureChange change, CancellationToken cancellationToken = default);
}

/// <summary>The single-node transport: hands each change straight to this node's viewers.</summary>
public sealed class InProcessChangeTransport(LocalChangeFeed feed) : IChangeTransport
{
    public Task PublishAsync(ItemChange change, CancellationToken cancellationToken = default)
    {
        feed.Dispatch(change);
        return Task.CompletedTask;
    }

    public Task PublishAsync(StructureChange change, CancellationToken cancellationToken = default)
    {
        feed.Dispatch(change);
        return Task.CompletedTask;
    }
}
