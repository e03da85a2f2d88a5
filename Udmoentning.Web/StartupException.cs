namespace Udmoentning.Web;

/// <summary>The app cannot start; the message says which setting or dependency to fix.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
