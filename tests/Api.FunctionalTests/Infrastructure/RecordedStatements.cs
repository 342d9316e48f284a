using System.Collections.Concurrent;
using System.Diagnostics;

namespace Webchats.Api.FunctionalTests.Infrastructure;

/// <summary>
/// The SQL of every command Npgsql sends while this is alive, from Npgsql's own tracing
/// (<c>ActivitySource "Npgsql"</c>): what really went to the server, one entry per command.
/// Functional tests run one at a time, so only background work (the rate-limit sync) can add
/// commands of its own; <see cref="Touching"/> filters by table.
/// </summary>
public sealed class RecordedStatements : IDisposable
{
    private readonly ConcurrentQueue<(string Sql, string? Server)> _statements = new();
    private readonly ActivityListener _listener;

    public RecordedStatements()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is string sql)
                {
                    // For a Unix socket, the server is the socket's folder.
                    _statements.Enqueue((sql, activity.GetTagItem("server.address") as string));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The statements, in order, that name one of these tables.</summary>
    public IReadOnlyList<string> Touching(params string[] tables) =>
        [.. _statements.Where(statement => Names(statement.Sql, tables)).Select(statement => statement.Sql)];

    /// <summary>The servers the statements that name one of these tables went to, in order.</summary>
    public IReadOnlyList<string?> ServersTouching(params string[] tables) =>
        [.. _statements.Where(statement => Names(statement.Sql, tables)).Select(statement => statement.Server)];

    public void Dispose() => _listener.Dispose();

    private static bool Names(string sql, string[] tables) => tables.Any(table => sql.Contains(table, StringComparison.Ordinal));
}
