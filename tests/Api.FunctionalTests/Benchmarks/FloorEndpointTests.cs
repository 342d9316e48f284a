using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.FloorApi;

namespace Webchats.Api.FunctionalTests.Benchmarks;

/// <summary>
/// The cost floor of <c>make bench</c> (bench/Webchats.FloorApi) is only a fair yardstick if it does
/// the service's work: the same request through either must store the same row and the same
/// audit revision, and answer with the same document. Both run in memory on the run's database.
/// </summary>
public sealed class FloorEndpointTests : FunctionalTest
{
    private const string OtherUserA = "65b1f0a2c3d4e5f6a7b8c9d1";

    private const string WebchatJson = """
        {"name":"Floor widget","description":"The same in both","starterMessage":"Hi!","primaryColor":"#123",
         "allowedDomains":["https://example.com","https://*.help.example.com"],"statusText":"Online",
         "position":"bottom-left","offsetX":30,"offsetY":40,"zIndex":500}
        """;

    private WebApplication _floor = null!;

    [OneTimeSetUp]
    public async Task StartFloorAsync()
    {
        _floor = FloorApp.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Webchats"] = TestEnvironment.Postgres.ConnectionString,
                ["Webchats:Auth:SigningKey"] = TestTokens.SigningKey,
                ["Webchats:Auth:Issuer"] = TestTokens.Issuer,
                ["Webchats:Auth:Audience"] = TestTokens.Audience,
            });
            builder.Services.AddSingleton<TimeProvider>(TestEnvironment.Clock);
            builder.Logging.ClearProviders();
        });
        await _floor.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopFloorAsync() => await _floor.DisposeAsync();

    [TestCase("""{"offsetX":123}""", TestName = "One field (the benchmark's PUT)")]
    [TestCase("""{"zIndex":7,"offsetY":0,"offsetX":500}""", TestName = "Three fields, in another order than the document's")]
    public async Task A_change_stores_the_same_row_and_revision_as_the_service_and_answers_the_same_document(string patch)
    {
        using var creator = ClientFor();
        var viaService = (await CreateWebchatAsync(creator, WebchatJson)).GetProperty("_id").GetString()!;
        var viaFloor = (await CreateWebchatAsync(creator, WebchatJson)).GetProperty("_id").GetString()!;
        TestEnvironment.Clock.Advance(TimeSpan.FromMinutes(5));

        using var service = ClientFor(userId: OtherUserA);
        using var floor = FloorClient(userId: OtherUserA);
        using var serviceResponse = await service.PutAsync($"/api/webchats/{viaService}", Json(patch));
        using var floorResponse = await floor.PutAsync($"/api/webchats/{viaFloor}", Json(patch));

        var serviceBody = await serviceResponse.Content.ReadAsStringAsync();
        var floorBody = await floorResponse.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(serviceResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), serviceBody);
            Assert.That(floorResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), floorBody);
            Assert.That(floorBody.Replace(viaFloor, viaService, StringComparison.Ordinal), Is.EqualTo(serviceBody));
            Assert.That(floorResponse.Headers.ETag?.Tag, Is.EqualTo(await ETagOfAsync(viaFloor)));
            Assert.That(serviceResponse.Headers.ETag?.Tag, Is.EqualTo(await ETagOfAsync(viaService)));

            // Every column but the id; updatedAt too, since both read the same clock.
            Assert.That(await StoredRowAsync(viaFloor), Is.EqualTo(await StoredRowAsync(viaService)));
            Assert.That(await RevisionsAsync(viaFloor), Is.EqualTo(await RevisionsAsync(viaService)));
            Assert.That(await RevisionsAsync(viaService), Does.Contain("\"Updated\""));
        });
    }

    [Test]
    public async Task A_no_op_writes_nothing_through_either_and_answers_the_same_document()
    {
        using var creator = ClientFor();
        var viaService = (await CreateWebchatAsync(creator, WebchatJson)).GetProperty("_id").GetString()!;
        var viaFloor = (await CreateWebchatAsync(creator, WebchatJson)).GetProperty("_id").GetString()!;
        var before = (await StoredRowAsync(viaService), await ETagOfAsync(viaService), await StoredRowAsync(viaFloor), await ETagOfAsync(viaFloor));
        TestEnvironment.Clock.Advance(TimeSpan.FromMinutes(5));

        using var service = ClientFor(userId: OtherUserA);
        using var floor = FloorClient(userId: OtherUserA);
        using var serviceResponse = await service.PutAsync($"/api/webchats/{viaService}", Json("""{"offsetX":30,"zIndex":500}"""));
        using var floorResponse = await floor.PutAsync($"/api/webchats/{viaFloor}", Json("""{"offsetX":30,"zIndex":500}"""));

        var serviceBody = await serviceResponse.Content.ReadAsStringAsync();
        var floorBody = await floorResponse.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(floorResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), floorBody);
            Assert.That(floorBody.Replace(viaFloor, viaService, StringComparison.Ordinal), Is.EqualTo(serviceBody));
            Assert.That(floorResponse.Headers.ETag?.Tag, Is.EqualTo(before.Item4));
            Assert.That((await StoredRowAsync(viaService), await ETagOfAsync(viaService), await StoredRowAsync(viaFloor), await ETagOfAsync(viaFloor)), Is.EqualTo(before));
            Assert.That(await RevisionsAsync(viaFloor), Is.EqualTo(await RevisionsAsync(viaService)));
        });
    }

    [Test]
    public async Task GET_one_answers_the_same_document_and_ETag_as_the_service()
    {
        using var creator = ClientFor();
        var id = (await CreateWebchatAsync(creator, WebchatJson)).GetProperty("_id").GetString()!;

        using var service = ClientFor(scopes: "webchats:read");
        using var floor = FloorClient(scopes: "webchats:read");
        using var serviceResponse = await service.GetAsync($"/api/webchats/{id}");
        using var floorResponse = await floor.GetAsync($"/api/webchats/{id}");

        Assert.Multiple(async () =>
        {
            Assert.That(floorResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await floorResponse.Content.ReadAsStringAsync(), Is.EqualTo(await serviceResponse.Content.ReadAsStringAsync()));
            Assert.That(floorResponse.Headers.ETag, Is.EqualTo(serviceResponse.Headers.ETag));
            Assert.That(floorResponse.Content.Headers.ContentType?.ToString(), Is.EqualTo(serviceResponse.Content.Headers.ContentType?.ToString()));
        });
    }

    [Test]
    public async Task Another_organizations_webchat_is_404_and_untouched_through_either()
    {
        using var creatorB = ClientFor(OrgB, UserB);
        var id = (await CreateWebchatAsync(creatorB, WebchatJson)).GetProperty("_id").GetString()!;
        var before = await StoredRowAsync(id);

        using var service = ClientFor();
        using var floor = FloorClient();
        using var servicePut = await service.PutAsync($"/api/webchats/{id}", Json("""{"offsetX":1}"""));
        using var floorPut = await floor.PutAsync($"/api/webchats/{id}", Json("""{"offsetX":1}"""));
        using var floorGet = await floor.GetAsync($"/api/webchats/{id}");

        Assert.Multiple(async () =>
        {
            Assert.That(servicePut.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(floorPut.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(floorGet.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StoredRowAsync(id), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task The_floor_checks_the_token_as_the_service_does()
    {
        using var creator = ClientFor();
        var id = (await CreateWebchatAsync(creator, WebchatJson)).GetProperty("_id").GetString()!;
        using var anonymous = _floor.GetTestClient();
        using var readOnly = FloorClient(scopes: "webchats:read");
        using var otherKey = _floor.GetTestClient();
        otherKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.SignedWithOtherKey(OrgA, UserA));
        using var expired = _floor.GetTestClient();
        expired.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Expired(OrgA, UserA));

        using var missing = await anonymous.GetAsync($"/api/webchats/{id}");
        using var badlySigned = await otherKey.GetAsync($"/api/webchats/{id}");
        using var tooOld = await expired.GetAsync($"/api/webchats/{id}");
        using var withoutScope = await readOnly.PutAsync($"/api/webchats/{id}", Json("""{"offsetX":1}"""));

        Assert.Multiple(() =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(missing.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
            Assert.That(badlySigned.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(tooOld.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(withoutScope.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    private HttpClient FloorClient(string organizationId = OrgA, string userId = UserA, string scopes = TestTokens.ReadWrite)
    {
        var client = _floor.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(organizationId, userId, scopes));
        return client;
    }

    /// <summary>The stored row as JSON, every column but the id (which differs by construction).</summary>
    private static Task<string> StoredRowAsync(string id) =>
        ScalarAsync("SELECT (to_jsonb(w) - 'id')::text FROM webchats w WHERE id = @id", id);

    private static async Task<string> ETagOfAsync(string id) =>
        $"\"{await ScalarAsync("SELECT version::text FROM webchats WHERE id = @id", id)}\"";

    /// <summary>The webchat's audit trail in order, without the ids.</summary>
    private static Task<string> RevisionsAsync(string id) =>
        ScalarAsync("SELECT coalesce(jsonb_agg(to_jsonb(r) - 'id' - 'webchat_id' ORDER BY r.id), '[]')::text FROM webchat_revisions r WHERE webchat_id = @id", id);

    private static async Task<string> ScalarAsync(string sql, string id)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
