using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Webchats.Api.RateLimiting;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Operations;

/// <summary>
/// Rate limits hold across replicas because their counters live in the shared database; anonymous
/// traffic is counted per client address (issue 18, finding 9).
/// </summary>
public sealed class RateLimitingTests : FunctionalTest
{
    private const int Limit = 6;
    private WebchatsApiFactory _replicaA = null!;
    private WebchatsApiFactory _replicaB = null!;

    [SetUp]
    public void StartTwoReplicas() => (_replicaA, _replicaB) = (Replica(TimeSpan.Zero), Replica(TimeSpan.Zero));

    [Test]
    public async Task With_batched_counting_a_replica_joins_a_window_at_the_shared_total()
    {
        await using var batchedA = Replica(TimeSpan.FromMilliseconds(50));
        await using var batchedB = Replica(TimeSpan.FromMilliseconds(50));
        using var a = Client(batchedA, OrgA);
        using var b = Client(batchedB, OrgA);
        for (var i = 0; i < Limit; i++)
        {
            using var allowed = await a.GetAsync("/api/webchats");
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await WaitForSharedCountAsync("org:" + OrgA, Limit);
        using var overLimit = await b.GetAsync("/api/webchats");

        await AssertProblemAsync(overLimit, HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task A_sync_brings_each_bucket_its_own_shared_total()
    {
        // The batched replica counts in memory, and its sync (run here, not on its timer) adds both
        // organizations' counts in one statement; the other replica counts in the store.
        await using var batched = Replica(TimeSpan.FromHours(1));
        using var orgAOnBatched = Client(batched, OrgA);
        using var orgBOnBatched = Client(batched, OrgB);
        using var orgAOnDirect = Client(_replicaB, OrgA);
        await AssertStatusAsync(orgAOnBatched, HttpStatusCode.OK); // the first of a window: counted in the store
        await AssertStatusAsync(orgBOnBatched, HttpStatusCode.OK);
        for (var i = 0; i < Limit - 2; i++)
        {
            await AssertStatusAsync(orgAOnDirect, HttpStatusCode.OK);
        }

        // The batched replica knows 1 for each; one more of each is pending, and the sync returns 6 for OrgA, 2 for OrgB.
        await AssertStatusAsync(orgAOnBatched, HttpStatusCode.OK);
        await AssertStatusAsync(orgBOnBatched, HttpStatusCode.OK);
        await batched.Services.GetRequiredService<RateLimitCounter>()
            .FlushAsync(RateLimitingMiddleware.WindowStart(TestEnvironment.Clock.GetUtcNow()), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await SharedCountAsync("org:" + OrgA), Is.EqualTo(Limit));
            Assert.That(await SharedCountAsync("org:" + OrgB), Is.EqualTo(2));
        });
        await AssertStatusAsync(orgAOnBatched, HttpStatusCode.TooManyRequests);
        await AssertStatusAsync(orgBOnBatched, HttpStatusCode.OK);
    }

    private static async Task AssertStatusAsync(HttpClient client, HttpStatusCode expected)
    {
        using var response = await client.GetAsync("/api/webchats");
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    [TearDown]
    public async Task StopReplicasAsync()
    {
        await _replicaA.DisposeAsync();
        await _replicaB.DisposeAsync();
    }

    [Test]
    public async Task Counted_exactly_the_limit_of_an_organization_holds_across_two_replicas_and_answers_429_with_retry_after()
    {
        using var a = Client(_replicaA, OrgA);
        using var b = Client(_replicaB, OrgA);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < Limit + 2; i++)
        {
            last?.Dispose();
            last = await (i % 2 == 0 ? a : b).GetAsync("/api/webchats");
            statuses.Add(last.StatusCode);
        }

        Assert.That(statuses.Take(Limit), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(statuses.Skip(Limit), Is.All.EqualTo(HttpStatusCode.TooManyRequests), "each replica alone saw only half the requests");
        var problem = await AssertProblemAsync(last!, HttpStatusCode.TooManyRequests);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(last!.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(last.Headers.GetValues("RateLimit-Remaining"), Is.EqualTo(new[] { "0" }));
        last.Dispose();
    }

    [Test]
    public async Task Every_counted_response_carries_the_limit_what_remains_and_the_seconds_to_the_next_window()
    {
        using var client = Client(_replicaA, OrgA);
        var windowStart = RateLimitingMiddleware.WindowStart(TestEnvironment.Clock.GetUtcNow());
        TestEnvironment.Clock.Set(windowStart + TimeSpan.FromSeconds(15.2));
        using var first = await client.GetAsync("/api/webchats");
        using var second = await client.GetAsync("/api/webchats");

        Assert.Multiple(() =>
        {
            Assert.That(first.Headers.GetValues("RateLimit-Limit"), Is.EqualTo(new[] { "6" }));
            Assert.That(first.Headers.GetValues("RateLimit-Remaining"), Is.EqualTo(new[] { "5" }));
            Assert.That(second.Headers.GetValues("RateLimit-Remaining"), Is.EqualTo(new[] { "4" }));
            Assert.That(first.Headers.GetValues("RateLimit-Reset"), Is.EqualTo(new[] { "45" }), "44.8 s to the next window, rounded up");
        });
    }

    [Test]
    public async Task Organizations_have_separate_limits_and_a_new_window_starts_afresh()
    {
        using var a = Client(_replicaA, OrgA);
        using var other = Client(_replicaB, OrgB);
        for (var i = 0; i < Limit; i++)
        {
            using var response = await a.GetAsync("/api/webchats");
        }

        using var limited = await a.GetAsync("/api/webchats");
        using var otherOrg = await other.GetAsync("/api/webchats");
        TestEnvironment.Clock.Advance(TimeSpan.FromMinutes(1));
        using var nextWindow = await a.GetAsync("/api/webchats");

        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(otherOrg.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(nextWindow.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Anonymous_endpoints_are_not_counted()
    {
        using var anonymous = _replicaA.CreateClient();
        for (var i = 0; i < Limit + 2; i++)
        {
            using var response = await anonymous.GetAsync("/health/live");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Anonymous_public_configuration_reads_are_limited_per_client_address()
    {
        await using var replica = AnonymousReplica();
        var id = await PublishAsync();

        var statuses = new List<int>();
        for (var i = 0; i < AnonymousLimit + 1; i++)
        {
            statuses.Add((await SendAsync(replica, HttpMethods.Get, $"/api/public/webchats/{id}", "198.51.100.7")).Response.StatusCode);
        }

        var limited = await SendAsync(replica, HttpMethods.Get, $"/api/public/webchats/{id}", "198.51.100.7");
        var otherAddress = await SendAsync(replica, HttpMethods.Get, $"/api/public/webchats/{id}", "198.51.100.8");

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Take(AnonymousLimit), Is.All.EqualTo(StatusCodes.Status200OK));
            Assert.That(statuses[^1], Is.EqualTo(StatusCodes.Status429TooManyRequests));
            Assert.That(limited.Response.StatusCode, Is.EqualTo(StatusCodes.Status429TooManyRequests));
            Assert.That(limited.Response.Headers.RetryAfter.ToString(), Is.Not.Empty);
            Assert.That(limited.Response.ContentType, Is.EqualTo("application/problem+json"));
            Assert.That(otherAddress.Response.StatusCode, Is.EqualTo(StatusCodes.Status200OK), "each address has its own count");
        });
    }

    [Test]
    public async Task Requests_with_an_unknown_API_token_and_icon_files_count_against_the_address()
    {
        await using var replica = AnonymousReplica();
        const string address = "203.0.113.9";
        for (var i = 0; i < AnonymousLimit; i++)
        {
            var refused = await SendAsync(replica, HttpMethods.Get, "/api/webchats", address, bearer: $"wct_{MissingId}_{new string('A', 43)}");
            Assert.That(refused.Response.StatusCode, Is.EqualTo(StatusCodes.Status401Unauthorized));
        }

        var icon = await SendAsync(replica, HttpMethods.Get, "/icons/orgs/x/icon.png?expires=1&sig=x", address);
        var health = await SendAsync(replica, HttpMethods.Get, "/health/live", address);

        Assert.That(icon.Response.StatusCode, Is.EqualTo(StatusCodes.Status429TooManyRequests));
        Assert.That(health.Response.StatusCode, Is.EqualTo(StatusCodes.Status200OK), "probes are not counted");
    }

    [Test]
    public async Task A_forwarded_address_counts_only_when_the_connection_comes_from_a_trusted_proxy()
    {
        await using var replica = AnonymousReplica(trustedProxy: "10.0.0.1");
        var id = await PublishAsync();
        for (var i = 0; i < AnonymousLimit; i++)
        {
            // Through the proxy for one client: that client is counted, not the proxy.
            await SendAsync(replica, HttpMethods.Get, $"/api/public/webchats/{id}", "10.0.0.1", forwardedFor: "198.51.100.20");
        }

        var sameClient = await SendAsync(replica, HttpMethods.Get, $"/api/public/webchats/{id}", "10.0.0.1", forwardedFor: "198.51.100.20");
        var otherClient = await SendAsync(replica, HttpMethods.Get, $"/api/public/webchats/{id}", "10.0.0.1", forwardedFor: "198.51.100.21");
        // Not from the proxy: the header is the client's own claim and is ignored.
        var spoofed = await SendAsync(replica, HttpMethods.Get, $"/api/public/webchats/{id}", "192.0.2.50", forwardedFor: "198.51.100.21");

        Assert.Multiple(async () =>
        {
            Assert.That(sameClient.Response.StatusCode, Is.EqualTo(StatusCodes.Status429TooManyRequests));
            Assert.That(otherClient.Response.StatusCode, Is.EqualTo(StatusCodes.Status200OK));
            Assert.That(spoofed.Response.StatusCode, Is.EqualTo(StatusCodes.Status200OK));
            Assert.That(await SharedCountAsync("ip:192.0.2.50"), Is.EqualTo(1));
            Assert.That(await SharedCountAsync("ip:198.51.100.21"), Is.EqualTo(1), "the spoofed header did not count for the address it names");
        });
    }

    [Test]
    public void IPv6_clients_are_counted_per_64_and_mapped_IPv4_as_IPv4()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RateLimitingMiddleware.AnonymousBucket(IPAddress.Parse("2001:db8:1:2:aaaa::1")),
                Is.EqualTo(RateLimitingMiddleware.AnonymousBucket(IPAddress.Parse("2001:db8:1:2:bbbb::2"))));
            Assert.That(RateLimitingMiddleware.AnonymousBucket(IPAddress.Parse("2001:db8:1:3::1")),
                Is.Not.EqualTo(RateLimitingMiddleware.AnonymousBucket(IPAddress.Parse("2001:db8:1:2::1"))));
            Assert.That(RateLimitingMiddleware.AnonymousBucket(IPAddress.Parse("::ffff:198.51.100.7")), Is.EqualTo("ip:198.51.100.7"));
        });
    }

    private const int AnonymousLimit = 5;

    private static WebchatsApiFactory AnonymousReplica(string? trustedProxy = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Webchats:RateLimiting:Enabled"] = "true",
            ["Webchats:RateLimiting:AnonymousPermitsPerMinute"] = AnonymousLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Webchats:RateLimiting:SyncInterval"] = TimeSpan.Zero.ToString(),
        };
        if (trustedProxy is not null)
        {
            settings["Webchats:TrustedProxies:0"] = trustedProxy;
        }

        return new(TestEnvironment.Postgres.ConnectionString, TestEnvironment.DataDirectory, TestEnvironment.Clock, TestEnvironment.Logs, settings);
    }

    /// <summary>A request from a given connection address, which an HttpClient of the in-memory server cannot set.</summary>
    private static Task<HttpContext> SendAsync(WebchatsApiFactory replica, string method, string pathAndQuery, string remoteAddress, string? bearer = null, string? forwardedFor = null) =>
        replica.Server.SendAsync(context =>
        {
            var uri = new Uri("http://localhost" + pathAndQuery);
            context.Request.Method = method;
            context.Request.Path = uri.AbsolutePath;
            context.Request.QueryString = new QueryString(uri.Query);
            context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            if (bearer is not null)
            {
                context.Request.Headers.Authorization = "Bearer " + bearer;
            }

            if (forwardedFor is not null)
            {
                context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });

    private async Task<string> PublishAsync()
    {
        using var owner = Client(_replicaA, OrgA);
        using var created = await owner.PostAsync("/api/webchats", new StringContent("""{"name":"Public"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var body = await System.Text.Json.JsonDocument.ParseAsync(await created.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("data").GetProperty("_id").GetString()!;
    }

    private static WebchatsApiFactory Replica(TimeSpan syncInterval) => new(
        TestEnvironment.Postgres.ConnectionString, TestEnvironment.DataDirectory, TestEnvironment.Clock, TestEnvironment.Logs,
        new Dictionary<string, string>
        {
            ["Webchats:RateLimiting:Enabled"] = "true",
            ["Webchats:RateLimiting:PermitsPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Webchats:RateLimiting:SyncInterval"] = syncInterval.ToString(),
        });

    /// <summary>Waits (bounded) until the replicas' flushes have brought the shared counter to a total.</summary>
    private static async Task WaitForSharedCountAsync(string bucket, int total)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await SharedCountAsync(bucket) >= total)
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"The shared counter of {bucket} did not reach {total}.");
    }

    private static async Task<long> SharedCountAsync(string bucket)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestEnvironment.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT coalesce(sum(count), 0) FROM rate_limit_counters WHERE bucket = $1", connection);
        command.Parameters.Add(new() { Value = bucket });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static HttpClient Client(WebchatsApiFactory replica, string organizationId)
    {
        var client = replica.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(organizationId, UserA));
        return client;
    }
}
