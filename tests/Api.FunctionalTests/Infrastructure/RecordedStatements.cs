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
    private readonly ConcurrentQueue<string> _statements = new();
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
                    _statements.Enqueue(sql);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The statements, in order, that name one of these tables.</summary>
    public IReadOnlyList<string> Touching(params string[] tables) =>
        [.. _statements.Where(sql => tables.Any(table => sql.Contains(table, StringComparison.Ordinal)))];

    public void Dispose() => _listener.Dispose();
}
