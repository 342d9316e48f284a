using Mediator;
using Npgsql;
using Webchats.Application.Common.Exceptions;
using Webchats.Infrastructure.Persistence;

namespace Webchats.Application.UnitTests.Persistence;

/// <summary>Only an unavailable database becomes <see cref="DatabaseUnavailableException"/>; bugs stay what they are.</summary>
public sealed class DatabaseFailureBehaviorTests
{
    private static readonly DatabaseFailureBehavior<Probe, int> Behavior = new();

    private static IEnumerable<Exception> Unavailable()
    {
        yield return new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
        yield return new NpgsqlException("The connection pool has been exhausted", new TimeoutException());
        yield return new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");
        yield return new InvalidOperationException("wrapped", new System.Net.Sockets.SocketException());
    }

    [TestCaseSource(nameof(Unavailable))]
    public void An_unavailable_database_becomes_an_application_exception_carrying_the_original(Exception failure)
    {
        var thrown = Assert.ThrowsAsync<DatabaseUnavailableException>(async () => await Behavior.Handle(new Probe(), Failing(failure), default));

        Assert.That(thrown!.InnerException, Is.SameAs(failure));
    }

    [Test]
    public void A_failure_thrown_before_the_handler_awaits_is_translated_too()
    {
        var failure = new TimeoutException();

        Assert.ThrowsAsync<DatabaseUnavailableException>(async () => await Behavior.Handle(new Probe(), (_, _) => throw failure, default));
    }

    [Test]
    public void Other_database_errors_and_already_translated_failures_pass_unchanged()
    {
        var bug = new PostgresException("syntax error", "ERROR", "ERROR", "42601");
        var translated = new DatabaseUnavailableException(new TimeoutException());

        Assert.That(Assert.ThrowsAsync<PostgresException>(async () => await Behavior.Handle(new Probe(), Failing(bug), default)), Is.SameAs(bug));
        Assert.That(Assert.ThrowsAsync<DatabaseUnavailableException>(async () => await Behavior.Handle(new Probe(), Failing(translated), default)),
            Is.SameAs(translated));
    }

    [Test]
    public async Task A_result_passes_through()
    {
        Assert.That(await Behavior.Handle(new Probe(), (_, _) => ValueTask.FromResult(42), default), Is.EqualTo(42));
    }

    private static MessageHandlerDelegate<Probe, int> Failing(Exception failure) => async (_, _) =>
    {
        await Task.Yield();
        throw failure;
    };

    public sealed record Probe : IMessage;
}
