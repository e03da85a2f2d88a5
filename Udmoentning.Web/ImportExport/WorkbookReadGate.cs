namespace Udmoentning.Web.ImportExport;

/// <summary>
/// How many workbooks are read at once: one per user, and at most <see cref="PerNode"/> on this node. Reading a file within
/// the limits of <see cref="WorkbookFile"/> can still take seconds and tens of megabytes; a user who sends several at once,
/// or many users together, would take the server's time from everyone else. Over it, the user is told to wait.
/// </summary>
public sealed class WorkbookReadGate
{
    public const int PerNode = 2;

    public const string YoursBusy = "Du er allerede ved at få læst en fil. Vent, til den er læst, og prøv igen.";

    public const string NodeBusy = "Serveren læser andre filer lige nu. Prøv igen om et øjeblik.";

    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>A place to read in, to dispose when done; or null and the Danish reason there is none now.</summary>
    public Place? TryEnter(string user, out string? refusal)
    {
        lock (_lock)
        {
            refusal = _users.Contains(user) ? YoursBusy : _users.Count >= PerNode ? NodeBusy : null;
            if (refusal is not null)
            {
                return null;
            }

            _users.Add(user);
            return new Place(this, user);
        }
    }

    private void Leave(string user)
    {
        lock (_lock)
        {
            _users.Remove(user);
        }
    }

    public sealed class Place(WorkbookReadGate gate, string user) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                gate.Leave(user);
            }
        }
    }
}
