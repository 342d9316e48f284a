namespace Webchats.Application.Common.Exceptions;

/// <summary>
/// The database cannot be reached right now (down, restarting, pool exhausted): worth retrying
/// shortly, unlike a bug. Infrastructure throws it in place of its driver's exceptions, which stay
/// available as <see cref="Exception.InnerException"/> for the logs.
/// </summary>
public sealed class DatabaseUnavailableException(Exception inner)
    : Exception("The database is unavailable.", inner);
