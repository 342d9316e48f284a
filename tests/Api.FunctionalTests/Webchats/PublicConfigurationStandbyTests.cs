using System.Net;
using System.Text.Json;
using Npgsql;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Infrastructure.Persistence;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>
/// The public configuration read from a hot standby (api.md §11): two replicas of the service on a
/// private primary, whose <c>ConnectionStrings:WebchatsPublicRead</c> prefers a standby of it made
/// by <c>pg-cluster.sh standby</c>. With replay paused, the standby is behind, and no replica may
/// then keep or serve the older document.
/// </summary>
[NonParallelizable]
public sealed class PublicConfigurationStandbyTests
{
    private const string Origin = "https://shop.example.com";

    private PostgresServer? _primary;
    private StandbyServer? _standby;
    private WebchatsApiFactory? _writer;
    private WebchatsApiFactory? _reader;
    private string? _dataDirectory;

    private StandbyServer Standby => _standby ?? throw new InvalidOperationException("The standby did not start.");

    /// <summary>The replica the admin writes through.</summary>
    private WebchatsApiFactory Writer => _writer ?? throw new InvalidOperationException("The replicas did not start.");

    /// <summary>Another replica, which hears of the writes only through PostgreSQL.</summary>
    private WebchatsApiFactory Reader => _reader ?? throw new InvalidOperationException("The replicas did not start.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _primary = await PostgresServer.StartPrivateAsync();
        _standby = await _primary.StartStandbyAsync();
        _dataDirectory = Directory.CreateTempSubdirectory("webchats-standby-test-").FullName;
        var primary = new NpgsqlConnectionStringBuilder(_primary.ConnectionString);
        var publicRead = new NpgsqlConnectionStringBuilder(_primary.ConnectionString)
        {
            Host = $"{primary.Host},{_standby.SocketDirectory}",
            TargetSessionAttributes = "prefer-standby",
        };
        var settings = new Dictionary<string, string> { [$"ConnectionStrings:{PublicReadDatabase.ConnectionStringName}"] = publicRead.ConnectionString };
        _writer = new WebchatsApiFactory(_primary.ConnectionString, _dataDirectory, TestEnvironment.Clock, TestEnvironment.Logs, settings);
        _ = _writer.Server; // applies the migrations, which the standby replays
        _reader = new WebchatsApiFactory(_primary.ConnectionString, _dataDirectory, TestEnvironment.Clock, TestEnvironment.Logs, settings);
        _ = _reader.Server;
        await Standby.WaitForReplayAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync();
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_standby is not null)
        {
            await _standby.DisposeAsync();
        }

        if (_primary is not null)
        {
            await _primary.DisposeAsync();
        }

        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [TearDown]
    public Task ResumeReplayAsync() => Standby.ResumeReplayAsync();

    [Test]
    public async Task A_fill_reads_the_standby_once_it_has_replayed_what_the_listener_vouched_for()
    {
        var id = await CreatePublishedAsync("On the standby");
        await Standby.WaitForReplayAsync();
        await Eventually.ListeningAsync(Reader);

        using var recorded = new RecordedStatements();
        using var client = Reader.CreateClient();
        var seen = await StarterMessageAsync(client, id);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo("On the standby"));
            Assert.That(recorded.ServersTouching("webchats"), Is.EqualTo(new[] { Standby.SocketDirectory }), "one read, from the standby");
        });
    }

    [Test]
    public async Task A_standby_behind_the_notified_version_never_makes_a_replica_keep_the_older_document()
    {
        var id = await CreatePublishedAsync("Before");
        await Standby.WaitForReplayAsync();
        await Eventually.ListeningAsync(Reader);
        using var client = Reader.CreateClient();
        Assert.That(await StarterMessageAsync(client, id), Is.EqualTo("Before"));

        await Standby.PauseReplayAsync();
        await PutStarterMessageAsync(id, "After");
        await Standby.WaitForReceiveAsync(); // the standby holds the change and does not apply it

        var seen = await PollStarterMessageAsync(client, id, "After");
        using var recorded = new RecordedStatements();
        var again = await StarterMessageAsync(client, id);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo("After"));
            Assert.That(again, Is.EqualTo("After"), "what the replica keeps is the primary's version");
            Assert.That(recorded.Touching("webchats"), Is.Empty, "and it keeps it");
        });
    }

    [Test]
    public async Task A_webchat_too_new_for_the_standby_is_read_from_the_primary_not_refused()
    {
        await Eventually.ListeningAsync(Reader);
        await Standby.PauseReplayAsync();
        var id = await CreatePublishedAsync("Brand new");

        using var client = Reader.CreateClient();
        Assert.That(await StarterMessageAsync(client, id), Is.EqualTo("Brand new"));
    }

    private async Task<string> CreatePublishedAsync(string starterMessage)
    {
        using var admin = Admin();
        using var response = await admin.PostAsync("/api/webchats", Body($$"""{"name":"Shop widget","starterMessage":"{{starterMessage}}","allowedDomains":["{{Origin}}"]}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("data").GetProperty("_id").GetString()!;
    }

    private async Task PutStarterMessageAsync(string id, string starterMessage)
    {
        using var admin = Admin();
        using var response = await admin.PutAsync($"/api/webchats/{id}", Body($$"""{"starterMessage":"{{starterMessage}}"}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private HttpClient Admin()
    {
        var client = Writer.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(FunctionalTest.OrgA, FunctionalTest.UserA));
        return client;
    }

    private static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<string?> StarterMessageAsync(HttpClient client, string id)
    {
        using var response = await PublicConfigurationRequests.GetAsync(client, id, Origin);
        return await PublicConfigurationRequests.StarterMessageAsync(response);
    }

    private static Task<string?> PollStarterMessageAsync(HttpClient client, string id, string expected) =>
        Eventually.ValueAsync(() => StarterMessageAsync(client, id), expected);
}
