using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Infrastructure.Persistence.ChangeNotifications;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>
/// The public configuration served from each replica's memory (src/Api/PublicConfiguration): no
/// database work for a repeat read, and every committed change, from any replica or from plain SQL,
/// reaches every replica's cache. A second replica is a second host on the same database, with a
/// cache and a change listener of its own. Waits poll with a deadline; nothing asserts a speed.
/// </summary>
public sealed class PublicConfigurationCacheTests : FunctionalTest
{
    private const string Origin = "https://shop.example.com";

    [Test]
    public async Task Repeat_reads_revalidations_and_refusals_send_nothing_to_the_database()
    {
        var id = await CreatePublishedAsync();
        await Eventually.ListeningAsync(TestEnvironment.Factory);
        using var client = Anonymous();
        using var first = await PublicConfigurationRequests.GetAsync(client, id, Origin);
        var etag = first.Headers.ETag!.Tag;
        var body = await first.Content.ReadAsStringAsync();

        using var recorded = new RecordedStatements();
        using var again = await PublicConfigurationRequests.GetAsync(client, id, Origin);
        using var revalidated = await PublicConfigurationRequests.GetAsync(client, id, Origin, etag);
        using var refused = await PublicConfigurationRequests.GetAsync(client, id, "https://elsewhere.example");
        using var withoutOrigin = await PublicConfigurationRequests.GetAsync(client, id, origin: null);

        Assert.Multiple(async () =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(body));
            Assert.That(again.Headers.ETag!.Tag, Is.EqualTo(etag));
            Assert.That(again.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { Origin }));
            Assert.That(revalidated.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(refused.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Not.Contain("Shop widget"));
            Assert.That(withoutOrigin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(withoutOrigin.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
            Assert.That(recorded.Touching("webchats"), Is.Empty);
        });
    }

    [Test]
    public async Task A_write_shows_in_the_next_read_on_the_replica_that_made_it()
    {
        var id = await CreatePublishedAsync();
        await Eventually.ListeningAsync(TestEnvironment.Factory);
        using var client = Anonymous();
        using (await PublicConfigurationRequests.GetAsync(client, id, Origin))
        {
        }

        using var admin = ClientFor();
        using var put = await admin.PutAsync($"/api/webchats/{id}", Json("""{"starterMessage":"Changed here"}"""));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var next = await PublicConfigurationRequests.GetAsync(client, id, Origin);
        Assert.That(await PublicConfigurationRequests.StarterMessageAsync(next), Is.EqualTo("Changed here"));
    }

    [Test]
    public async Task A_write_on_one_replica_reaches_the_cache_of_another()
    {
        var id = await CreatePublishedAsync();
        await using var other = TestEnvironment.Factory.WithWebHostBuilder(_ => { });
        await Eventually.ListeningAsync(other);
        using var otherClient = other.CreateClient();
        using (var before = await PublicConfigurationRequests.GetAsync(otherClient, id, Origin))
        {
            Assert.That(await PublicConfigurationRequests.StarterMessageAsync(before), Is.EqualTo("Before"));
        }

        using (var recorded = new RecordedStatements())
        {
            using var cached = await PublicConfigurationRequests.GetAsync(otherClient, id, Origin);
            Assert.That(recorded.Touching("webchats"), Is.Empty, "the other replica answers from its cache");
        }

        using var admin = ClientFor();
        using var put = await admin.PutAsync($"/api/webchats/{id}", Json("""{"starterMessage":"Changed on A"}"""));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That(await PollStarterMessageAsync(otherClient, id, "Changed on A"), Is.EqualTo("Changed on A"));
    }

    [Test]
    public async Task A_change_made_with_plain_sql_reaches_every_cache()
    {
        var id = await CreatePublishedAsync();
        await Eventually.ListeningAsync(TestEnvironment.Factory);
        using var client = Anonymous();
        using (await PublicConfigurationRequests.GetAsync(client, id, Origin))
        {
        }

        await ExecuteSqlAsync("UPDATE webchats SET starter_message = 'Changed by SQL', version = version + 1 WHERE id = @id", id);

        Assert.That(await PollStarterMessageAsync(client, id, "Changed by SQL"), Is.EqualTo("Changed by SQL"));
    }

    [Test]
    public async Task Disabled_and_deleted_webchats_are_never_served_from_a_cache()
    {
        var disabled = await CreatePublishedAsync();
        var deleted = await CreatePublishedAsync();
        await using var other = TestEnvironment.Factory.WithWebHostBuilder(_ => { });
        await Eventually.ListeningAsync(TestEnvironment.Factory);
        await Eventually.ListeningAsync(other);
        using var client = Anonymous();
        using var otherClient = other.CreateClient();
        foreach (var id in new[] { disabled, deleted })
        {
            using (await PublicConfigurationRequests.GetAsync(client, id, Origin))
            using (await PublicConfigurationRequests.GetAsync(otherClient, id, Origin))
            {
            }
        }

        using var admin = ClientFor();
        using (var put = await admin.PutAsync($"/api/webchats/{disabled}", Json("""{"isEnabled":false}""")))
        using (var delete = await admin.DeleteAsync($"/api/webchats/{deleted}"))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var disabledHere = await PublicConfigurationRequests.GetAsync(client, disabled, Origin);
        using var deletedHere = await PublicConfigurationRequests.GetAsync(client, deleted, Origin);
        Assert.Multiple(async () =>
        {
            Assert.That(disabledHere.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(deletedHere.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await PollStatusAsync(otherClient, disabled, HttpStatusCode.NotFound), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await PollStatusAsync(otherClient, deleted, HttpStatusCode.NotFound), Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task After_the_listener_loses_its_connection_a_replica_serves_nothing_it_cannot_vouch_for()
    {
        var id = await CreatePublishedAsync();
        await using var other = TestEnvironment.Factory.WithWebHostBuilder(_ => { });
        await Eventually.ListeningAsync(other);
        using var otherClient = other.CreateClient();
        using (await PublicConfigurationRequests.GetAsync(otherClient, id, Origin))
        {
        }

        // Ends every listener's session and changes the webchat in the same transaction: the change is
        // notified only to sessions listening at its commit, which the ended ones no longer are.
        var mainFeed = TestEnvironment.Factory.Services.GetRequiredService<WebchatChangeFeed>();
        var mainEpoch = mainFeed.Epoch;
        await ExecuteSqlAsync(
            $"""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name = '{WebchatChangeListener.ApplicationName}' AND datname = current_database();
            UPDATE webchats SET starter_message = 'Changed while nobody listened', version = version + 1 WHERE id = @id;
            """,
            id);

        Assert.Multiple(async () =>
        {
            Assert.That(await PollStarterMessageAsync(otherClient, id, "Changed while nobody listened"), Is.EqualTo("Changed while nobody listened"));
            // The listener stops vouching before it logs the loss: the fresh document may come first.
            Assert.That(
                await Eventually.ValueAsync(() => Task.FromResult(TestEnvironment.Logs.Lines.Any(line => line.Contains("The webchat change listener lost its connection", StringComparison.Ordinal))), true),
                Is.True);
        });
        await Eventually.ListeningAsync(other);
        // The suite's own replica lost its listener too: the next tests need it back, in a new epoch.
        Assert.That(await Eventually.ValueAsync(() => Task.FromResult(mainFeed.Epoch > mainEpoch && mainFeed.IsLive), true), Is.True, "the suite's replica listens again");
        Assert.That(await CountListenersAsync(), Is.GreaterThanOrEqualTo(2), "both replicas listen again");
    }

    [Test]
    public async Task An_idle_listener_keeps_vouching_so_the_cache_keeps_serving()
    {
        await Eventually.ListeningAsync(TestEnvironment.Factory);
        var feed = TestEnvironment.Factory.Services.GetRequiredService<WebchatChangeFeed>();
        var epoch = feed.Epoch;

        // Ten heartbeat intervals without any change to notify.
        var lapses = 0;
        for (var i = 0; i < 40; i++)
        {
            await Task.Delay(WebchatChangeListener.HeartbeatInterval / 4);
            lapses += feed.IsLive ? 0 : 1;
        }

        Assert.Multiple(() =>
        {
            Assert.That(lapses, Is.Zero, "checks on which the feed could not vouch");
            Assert.That(feed.Epoch, Is.EqualTo(epoch), "the listener kept its connection");
        });
    }

    private static async Task<string> CreatePublishedAsync()
    {
        using var admin = ClientFor();
        var created = await CreateWebchatAsync(admin, $$"""{"name":"Shop widget","starterMessage":"Before","allowedDomains":["{{Origin}}"]}""");
        return created.GetProperty("_id").GetString()!;
    }

    private static Task<string?> PollStarterMessageAsync(HttpClient client, string id, string expected) =>
        Eventually.ValueAsync(async () =>
        {
            using var response = await PublicConfigurationRequests.GetAsync(client, id, Origin);
            return await PublicConfigurationRequests.StarterMessageAsync(response);
        }, expected);

    private static Task<HttpStatusCode> PollStatusAsync(HttpClient client, string id, HttpStatusCode expected) =>
        Eventually.ValueAsync(async () =>
        {
            using var response = await PublicConfigurationRequests.GetAsync(client, id, Origin);
            return response.StatusCode;
        }, expected);

    private static async Task ExecuteSqlAsync(string sql, string id)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountListenersAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{WebchatChangeListener.ApplicationName}' AND datname = current_database()",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
