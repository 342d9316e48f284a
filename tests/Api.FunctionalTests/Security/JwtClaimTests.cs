using System.Net;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Security;

/// <summary>Issue 18, finding 4: a JWT's claims are read exactly as RFC 7515/7519 and api.md §8 say.</summary>
public sealed class JwtClaimTests : FunctionalTest
{
    private const string Hs256 = """{"alg":"HS256","typ":"JWT"}""";

    [Test]
    public async Task The_reference_token_built_by_hand_is_accepted_so_the_refusals_below_are_about_their_one_difference()
    {
        using var client = ClientWithToken(TestTokens.Raw(Hs256, TestTokens.PayloadWith($$"""
            "sub":"{{UserA}}","org":"{{OrgA}}","scope":"webchats:read"
            """)));
        using var response = await client.GetAsync("/api/webchats");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Scope_claim_names_are_case_sensitive()
    {
        using var client = ClientWithToken(TestTokens.Raw(Hs256, TestTokens.PayloadWith($$"""
            "sub":"{{UserA}}","org":"{{OrgA}}","scope":"webchats:read","SCOPE":"webchats:write tokens:manage"
            """)));
        await CreateWebchatAsync(ClientFor());

        using var put = await client.PostAsync("/api/webchats", Json("""{"name":"escalated"}"""));
        using var tokens = await client.GetAsync("/api/tokens");
        using var read = await client.GetAsync("/api/webchats");

        await AssertProblemAsync(put, HttpStatusCode.Forbidden);
        await AssertProblemAsync(tokens, HttpStatusCode.Forbidden);
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the exact 'scope' still counts");
    }

    [TestCase("\"org\":[\"" + OrgA + "\",\"" + OrgB + "\"],\"sub\":\"" + UserA + "\"", TestName = "org as an array")]
    [TestCase("\"sub\":[\"" + UserA + "\"],\"org\":\"" + OrgA + "\"", TestName = "sub as an array of one")]
    [TestCase("\"org\":\"" + OrgB + "\",\"org\":\"" + OrgA + "\",\"sub\":\"" + UserA + "\"", TestName = "org twice")]
    [TestCase("\"sub\":\"" + UserA + "\",\"ORG\":\"" + OrgA + "\"", TestName = "ORG instead of org")]
    public async Task Sub_and_org_must_each_be_one_string_under_their_exact_name(string members)
    {
        using var client = ClientWithToken(TestTokens.Raw(Hs256, TestTokens.PayloadWith(members + ",\"scope\":\"webchats:read\"")));
        using var response = await client.GetAsync("/api/webchats");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
    }

    [TestCase("""{"alg":"HS256","typ":"JWT","crit":["exp-ext"],"exp-ext":1}""", TestName = "an unknown crit extension")]
    [TestCase("""{"alg":"HS256","typ":"JWT","crit":[]}""", TestName = "an empty crit list")]
    [TestCase("""{"alg":"HS256","alg":"HS256","typ":"JWT"}""", TestName = "a duplicate header member")]
    public async Task A_header_this_service_does_not_fully_understand_is_refused(string header)
    {
        using var client = ClientWithToken(TestTokens.Raw(header, TestTokens.PayloadWith($$"""
            "sub":"{{UserA}}","org":"{{OrgA}}","scope":"webchats:read"
            """)));
        using var response = await client.GetAsync("/api/webchats");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [TestCase("iss", "someone-else", TestName = "another issuer")]
    [TestCase("aud", "another-api", TestName = "another audience")]
    public async Task Issuer_and_audience_are_validated_with_a_signing_key(string claim, string value)
    {
        var payload = TestTokens.PayloadWith($$"""
            "sub":"{{UserA}}","org":"{{OrgA}}","scope":"webchats:read"
            """).Replace(claim == "iss" ? TestTokens.Issuer : TestTokens.Audience, value, StringComparison.Ordinal);
        using var client = ClientWithToken(TestTokens.Raw(Hs256, payload));
        using var response = await client.GetAsync("/api/webchats");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public void A_signing_key_without_an_issuer_or_audience_does_not_start()
    {
        using var factory = new WebchatsApiFactory(
            TestEnvironment.Postgres.ConnectionString, TestEnvironment.DataDirectory, TestEnvironment.Clock, TestEnvironment.Logs,
            new Dictionary<string, string> { ["Webchats:Auth:Issuer"] = "" });

        var failure = Assert.Catch(() => factory.CreateClient());
        Assert.That(failure!.ToString(), Does.Contain("Webchats:Auth:Issuer"));
    }
}
