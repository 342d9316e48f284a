using System.Globalization;
using System.Net;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.ApiTokens;

/// <summary>Issue 18, finding 1: a token never carries more than its creator holds, and tokens are bounded in number and life.</summary>
public sealed class TokenGrantTests : FunctionalTest
{
    private const string ManageOnly = "tokens:manage";
    private const string Admin = "webchats:read webchats:write tokens:manage";

    [Test]
    public async Task Tokens_manage_alone_mints_nothing_that_reads_or_writes_webchats()
    {
        using var manager = ClientFor(scopes: ManageOnly);
        using var minted = await manager.PostAsync("/api/tokens", Json("""{"name":"escalation","scopes":["webchats:read","webchats:write"]}"""));

        var problem = await AssertProblemAsync(minted, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("webchats:read").And.Contain("webchats:write"));
        using var list = await manager.GetAsync("/api/tokens");
        Assert.That((await ReadJsonAsync(list)).GetProperty("data").GetArrayLength(), Is.Zero, "nothing was created");
    }

    [Test]
    public async Task A_caller_may_grant_what_it_holds_and_the_403_names_only_what_it_lacks()
    {
        using var reader = ClientFor(scopes: "webchats:read tokens:manage");
        using var granted = await reader.PostAsync("/api/tokens", Json("""{"name":"reader","scopes":["webchats:read"]}"""));
        using var refused = await reader.PostAsync("/api/tokens", Json("""{"name":"writer","scopes":["webchats:read","webchats:write"]}"""));

        Assert.That(granted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await granted.Content.ReadAsStringAsync());
        var detail = (await AssertProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("detail").GetString();
        Assert.That(detail, Does.Contain("webchats:write").And.Not.Contain("webchats:read"));
    }

    [Test]
    public async Task Tokens_manage_is_never_grantable_even_by_a_caller_holding_it()
    {
        using var admin = ClientFor(scopes: Admin);
        using var response = await admin.PostAsync("/api/tokens", Json("""{"name":"manager","scopes":["tokens:manage"]}"""));

        await AssertValidationErrorsAsync(response, "scopes");
    }

    [Test]
    public async Task Without_expiresAt_a_token_lives_one_year_and_at_most_two_years_may_be_asked_for()
    {
        using var admin = ClientFor(scopes: Admin);
        var now = TestEnvironment.Clock.GetUtcNow();
        using var defaulted = await admin.PostAsync("/api/tokens", Json("""{"name":"default","scopes":["webchats:read"]}"""));
        using var longest = await admin.PostAsync("/api/tokens", Json($$"""{"name":"longest","scopes":["webchats:read"],"expiresAt":"{{Iso(now.AddDays(730))}}"}"""));
        using var tooLong = await admin.PostAsync("/api/tokens", Json($$"""{"name":"too long","scopes":["webchats:read"],"expiresAt":"{{Iso(now.AddDays(730).AddSeconds(1))}}"}"""));

        Assert.That(defaulted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await defaulted.Content.ReadAsStringAsync());
        Assert.That((await ReadJsonAsync(defaulted)).GetProperty("data").GetProperty("expiresAt").GetString(), Is.EqualTo(Iso(now.AddDays(365))));
        Assert.That(longest.StatusCode, Is.EqualTo(HttpStatusCode.Created), await longest.Content.ReadAsStringAsync());
        await AssertValidationErrorsAsync(tooLong, "expiresAt");
    }

    [Test]
    public async Task An_organization_holds_at_most_the_configured_number_of_live_tokens()
    {
        await using var factory = new WebchatsApiFactory(
            TestEnvironment.Postgres.ConnectionString, TestEnvironment.DataDirectory, TestEnvironment.Clock, TestEnvironment.Logs,
            new Dictionary<string, string> { ["Webchats:ApiTokens:MaxLiveTokensPerOrganization"] = "2" });
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(OrgA, UserA, Admin));
        using var otherAdmin = factory.CreateClient();
        otherAdmin.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(OrgB, UserB, Admin));

        var first = await CreateAsync(admin, HttpStatusCode.Created);
        await CreateAsync(admin, HttpStatusCode.Created);
        using var third = await admin.PostAsync("/api/tokens", Json("""{"name":"third","scopes":["webchats:read"]}"""));
        await AssertProblemAsync(third, HttpStatusCode.Conflict);
        await CreateAsync(otherAdmin, HttpStatusCode.Created); // another organization has its own count

        using var revoke = await admin.DeleteAsync($"/api/tokens/{first}");
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await CreateAsync(admin, HttpStatusCode.Created); // a revoked token is not live
    }

    [Test]
    public async Task The_default_limit_is_one_hundred_live_tokens()
    {
        using var admin = ClientFor(scopes: Admin);
        for (var i = 0; i < 100; i++)
        {
            await CreateAsync(admin, HttpStatusCode.Created);
        }

        using var over = await admin.PostAsync("/api/tokens", Json("""{"name":"101st","scopes":["webchats:read"]}"""));
        var problem = await AssertProblemAsync(over, HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("100"));
    }

    [Test]
    public async Task Revoking_an_unknown_token_says_the_token_does_not_exist()
    {
        using var admin = ClientFor(scopes: Admin);
        using var response = await admin.DeleteAsync($"/api/tokens/{MissingId}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo("The API token does not exist."));
    }

    private static async Task<string> CreateAsync(HttpClient admin, HttpStatusCode expected)
    {
        using var response = await admin.PostAsync("/api/tokens", Json("""{"name":"t","scopes":["webchats:read"]}"""));
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response)).GetProperty("data").GetProperty("id").GetString()!;
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
