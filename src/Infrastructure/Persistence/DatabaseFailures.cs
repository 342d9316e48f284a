using System.Net.Sockets;
using Npgsql;
using Webchats.Application.Common.Exceptions;

namespace Webchats.Infrastructure.Persistence;

/// <summary>
/// Turns the driver's "cannot reach the database" failures into <see cref="DatabaseUnavailableException"/>,
/// so nothing outside Infrastructure needs to know Npgsql's exceptions.
/// <para>
/// There is no single hook for every database access: EF Core runs each query and SaveChanges
/// through its execution strategy (<see cref="DatabaseFailureExecutionStrategy"/>), but Npgsql has
/// no failure hook at all, and <see cref="NpgsqlDataSource"/> cannot be wrapped (its constructors are
/// internal and its users take the concrete type). So each plain-Npgsql entry point (the read
/// model, the rate-limit and idempotency stores) translates through <see cref="TranslateAsync{T}"/>.
/// All of them ask <see cref="IsUnavailable"/>, the one place that decides what counts as unavailable.
/// </para>
/// </summary>
internal static class DatabaseFailures
{
    /// <summary>
    /// Whether an exception means the database cannot be reached right now (down, restarting, pool
    /// exhausted), as opposed to a bug: the first is a 503 worth retrying, the second a 500. An
    /// exception already translated is not translated again.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DatabaseUnavailableException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Awaits a database call, translating an unavailable database.</summary>
    public static async Task<T> TranslateAsync<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new DatabaseUnavailableException(exception);
        }
    }

    /// <inheritdoc cref="TranslateAsync{T}(Task{T})"/>
    public static async Task TranslateAsync(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new DatabaseUnavailableException(exception);
        }
    }
}
