using System.Net.Sockets;
using Npgsql;

namespace Webchats.Infrastructure.Persistence;

public static class DatabaseFailures
{
    /// <summary>
    /// Whether an exception means the database cannot be reached right now (down, restarting, pool
    /// exhausted), as opposed to a bug: the first is a 503 worth retrying, the second a 500.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException { IsTransient: true }:
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
