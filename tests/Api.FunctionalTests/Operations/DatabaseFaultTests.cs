using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Operations;

/// <summary>
/// The database goes away under load and comes back; the pool runs dry. The API answers 503 with
/// Retry-After (never 500, never a hang), recovers by itself, and loses no acknowledged write.
/// Each test runs on a PostgreSQL cluster of its own, so stopping it harms no other test.
/// </summary>
[NonParallelizable]
public sealed class DatabaseFaultTests
{
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Stopping_postgres_under_load_gives_503s_then_recovers_without_losing_acknowledged_writes()
    {
        await using var postgres = await PostgresServer.StartPrivateAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("webchats-fault-").FullName;
        await using var api = new WebchatsApiFactory(postgres.ConnectionString, dataDirectory, new TestClock(TestEnvironment.Epoch), new CapturedLogs());
        using var client = api.CreateClient();
        client.Timeout = RequestBound;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(FunctionalTest.OrgA, FunctionalTest.UserA));
        using var created = await client.PostAsync("/api/webchats", new StringContent("""{"name":"Fault"}""", System.Text.Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("_id").GetString();

        var acknowledged = new ConcurrentDictionary<string, int>();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var missingRetryAfter = 0;
        using var stop = new CancellationTokenSource();
        var fields = new[] { "offsetX", "offsetY", "zIndex" };
        var writers = fields.Select(field => Task.Run(async () =>
        {
            for (var value = 1; !stop.IsCancellationRequested && value < 400; value++)
            {
                using var response = await client.PutAsync($"/api/webchats/{id}",
                    new StringContent($$"""{"{{field}}":{{value}}}""", System.Text.Encoding.UTF8, "application/json"));
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged[field] = value;
                }
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    if (response.Headers.RetryAfter is null)
                    {
                        Interlocked.Increment(ref missingRetryAfter);
                    }

                    await Task.Delay(50);
                }
            }
        })).ToList();

        await Task.Delay(700);
        await postgres.StopAsync();
        await Task.Delay(1500);
        using (var down = await client.GetAsync($"/api/webchats/{id}"))
        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(down.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await down.Content.ReadAsStringAsync(), Does.Not.Contain("Npgsql").And.Not.Contain("socket"));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }

        await postgres.RestartAsync();
        await WaitUntilReadyAsync(client);
        await Task.Delay(700);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.That(statuses, Has.None.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(statuses, Has.Some.EqualTo(HttpStatusCode.ServiceUnavailable), "the outage was observed");
        Assert.That(statuses.Distinct(), Is.SubsetOf(new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.That(missingRetryAfter, Is.Zero);

        // Every acknowledged write is in the audit trail, and the stored value is the last one acknowledged or later.
        using var read = await client.GetAsync($"/api/webchats/{id}");
        var stored = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        foreach (var (field, last) in acknowledged)
        {
            Assert.That(stored.GetProperty(field).GetInt32(), Is.GreaterThanOrEqualTo(last), field);
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM webchat_revisions, jsonb_array_elements(changes) c WHERE webchat_id = $1 AND c->>'field' = $2 AND (c->>'new')::int = $3", connection);
            command.Parameters.Add(new() { Value = id! });
            command.Parameters.Add(new() { Value = field });
            command.Parameters.Add(new() { Value = last });
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(1L), $"{field} = {last} was acknowledged");
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    [Test]
    public async Task An_exhausted_connection_pool_gives_503s_and_the_waiting_requests_then_complete()
    {
        await using var postgres = await PostgresServer.StartPrivateAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("webchats-pool-").FullName;
        var tinyPool = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { MaxPoolSize = 2, Timeout = 1, CommandTimeout = 20 }.ConnectionString;
        await using var api = new WebchatsApiFactory(tinyPool, dataDirectory, new TestClock(TestEnvironment.Epoch), new CapturedLogs(),
            new Dictionary<string, string> { ["Webchats:RateLimiting:Enabled"] = "false" });
        using var client = api.CreateClient();
        client.Timeout = RequestBound;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(FunctionalTest.OrgA, FunctionalTest.UserA));
        using var created = await client.PostAsync("/api/webchats", new StringContent("""{"name":"Pool"}""", System.Text.Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("_id").GetString();

        // Another session locks the row: the first writers wait on it, each holding a pooled connection.
        await using var blocker = new NpgsqlConnection(postgres.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM webchats WHERE id = $1 FOR UPDATE", blocker, transaction))
        {
            lockRow.Parameters.Add(new() { Value = id! });
            await lockRow.ExecuteScalarAsync();
        }

        var puts = Enumerable.Range(1, 6).Select(i => client.PutAsync($"/api/webchats/{id}",
            new StringContent($$"""{"offsetX":{{i}}}""", System.Text.Encoding.UTF8, "application/json"))).ToList();
        var refused = await Task.WhenAny(puts);
        await Task.Delay(2500);
        await transaction.CommitAsync();
        var responses = await Task.WhenAll(puts);

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses, Has.Some.EqualTo(HttpStatusCode.ServiceUnavailable), "the pool ran dry");
        Assert.That(statuses, Has.Some.EqualTo(HttpStatusCode.OK), "the waiting writers completed after the lock was released");
        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).Select(r => r.Headers.RetryAfter), Has.None.Null);
        Assert.That((await refused).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var ready = await client.GetAsync("/health/ready");
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The API did not become ready again within 10 s of PostgreSQL's restart.");
    }
}
