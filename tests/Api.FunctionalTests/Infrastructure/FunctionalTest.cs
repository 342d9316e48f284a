using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Webchats.Domain.ReferenceData;

namespace Webchats.Api.FunctionalTests.Infrastructure;

/// <summary>Base of every HTTP test: a clean database, a fresh clock, and helpers to call the API.</summary>
public abstract class FunctionalTest
{
    public const string OrgA = "65a0e0e0e0e0e0e0e0e0e0e0";
    public const string UserA = "65b1f0a2c3d4e5f6a7b8c9d0";
    public const string OrgB = "75a0e0e0e0e0e0e0e0e0e0e0";
    public const string UserB = "75b1f0a2c3d4e5f6a7b8c9d0";
    public const string PromptA = "65b2a1c3d4e5f6a7b8c9d0e1";
    public const string PipelineA = "66f0a0b0c0d0e0f0a0b0c0d0";
    public const string PromptB = "75b2a1c3d4e5f6a7b8c9d0e1";
    public const string PipelineB = "76f0a0b0c0d0e0f0a0b0c0d0";
    public const string MissingId = "000000000000000000000000";

    [SetUp]
    public Task ResetDatabaseAsync() => TestEnvironment.ResetAsync();

    protected static HttpClient Anonymous() => TestEnvironment.Factory.CreateClient();

    protected static HttpClient ClientWithToken(string token)
    {
        var client = TestEnvironment.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected static HttpClient ClientFor(string organizationId = OrgA, string userId = UserA, string scopes = TestTokens.ReadWrite) =>
        ClientWithToken(TestTokens.For(organizationId, userId, scopes));

    protected static StringContent Json(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, mediaType);

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Prompts and pipelines of two organizations, as the read models would hold them.</summary>
    protected static Task SeedReferenceDataAsync() => TestEnvironment.WithDbAsync(db =>
    {
        db.Prompts.AddRange(new Prompt(PromptA, OrgA, "Sales"), new Prompt(PromptB, OrgB, "Other org"));
        db.Pipelines.AddRange(
            new Pipeline(PipelineA, OrgA, "Leads", ["new", "qualified", "won", "lost"]),
            new Pipeline(PipelineB, OrgB, "Other org", ["new", "open"]));
        return Task.CompletedTask;
    });

    /// <summary>Creates a webchat over HTTP and returns its document (<c>data</c>).</summary>
    protected static async Task<JsonElement> CreateWebchatAsync(HttpClient client, string json = """{"name":"Widget"}""")
    {
        using var response = await client.PostAsync("/api/webchats", Json(json));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response)).GetProperty("data");
    }

    /// <summary>Asserts an RFC 9457 problem response and returns its body.</summary>
    protected static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
            Assert.That(problem.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(problem.GetProperty("type").GetString(), Is.Not.Empty);
            Assert.That(problem.GetProperty("detail").GetString(), Is.Not.Empty);
            Assert.That(problem.GetProperty("traceId").GetString(), Is.Not.Empty);
            Assert.That(text, Does.Not.Contain("System.").And.Not.Contain("Exception").And.Not.Contain("   at "));
        });
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> holds exactly these keys.</summary>
    protected static async Task<JsonElement> AssertValidationErrorsAsync(HttpResponseMessage response, params string[] keys)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(keys), problem.ToString());
        return errors;
    }
}
