using System.Net;
using System.Text;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>
/// Error bodies stay under 32 KiB (issue 18, finding 12): the first 100 field errors, then
/// <c>errorCount</c>, the number of errors the request had; no entry under an empty key.
/// </summary>
public sealed class ErrorBodyLimitTests : FunctionalTest
{
    private const int MaxErrorBodyBytes = 32 * 1024;
    private const int MaxErrors = 100;

    public static IEnumerable<TestCaseData> Bodies()
    {
        yield return new TestCaseData("PUT", "{" + string.Join(',', Enumerable.Range(0, 6000).Select(i => $"\"p{i}\":0")) + "}", 6000)
            .SetName("6000 unknown properties");
        yield return new TestCaseData("PUT", "{" + string.Join(',', Enumerable.Repeat("\"name\":\"x\"", 3000)) + "}", 2999)
            .SetName("3000 copies of one property");
        yield return new TestCaseData("PUT", "{" + string.Join(',', Enumerable.Range(0, 1500).Select(i => $"\"p{i}\":0,\"p{i}\":0")) + "}", 3000)
            .SetName("1500 unknown properties, each twice");
        yield return new TestCaseData("PUT", "{" + string.Join(',', Enumerable.Range(0, 200).Select(i => $"\"{new string('k', 250)}{i}\":0")) + "}", 200)
            .SetName("200 unknown properties with names of 250 characters");
        yield return new TestCaseData("PUT", "{\"allowedDomains\":[" + string.Join(',', Enumerable.Repeat("\"ftp://x\"", 100)) + "]," + string.Join(',', Enumerable.Range(0, 500).Select(i => $"\"p{i}\":0")) + "}", 600)
            .SetName("100 bad origins and 500 unknown properties");
        yield return new TestCaseData("POST", "{" + string.Join(',', Enumerable.Range(0, 6000).Select(i => $"\"p{i}\":0")) + "}", 6001)
            .SetName("create with 6000 unknown properties and no name");
    }

    [TestCaseSource(nameof(Bodies))]
    public async Task A_body_with_many_errors_gets_the_first_100_and_their_count(string method, string json, int errorCount)
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString();
        using var request = new HttpRequestMessage(new HttpMethod(method), method == "POST" ? "/api/webchats" : $"/api/webchats/{id}")
        {
            Content = Json(json),
        };

        using var response = await client.SendAsync(request);

        var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(bytes, Is.LessThan(MaxErrorBodyBytes));
            Assert.That(errors.Sum(e => e.Value.GetArrayLength()), Is.EqualTo(MaxErrors));
            Assert.That(errors.Select(e => e.Name), Has.None.Empty, "no error under an empty key");
            Assert.That(problem.GetProperty("errorCount").GetInt32(), Is.EqualTo(errorCount));
        });
    }

    [Test]
    public async Task A_body_with_few_errors_gets_all_of_them_and_no_count()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString();

        using var response = await client.PutAsync($"/api/webchats/{id}", Json("{" + string.Join(',', Enumerable.Range(0, MaxErrors).Select(i => $"\"p{i}\":0")) + "}"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("errors").EnumerateObject().Count(), Is.EqualTo(MaxErrors));
            Assert.That(problem.TryGetProperty("errorCount", out _), Is.False);
        });
    }

    [Test]
    public async Task A_token_body_with_many_duplicate_keys_has_no_stray_empty_key()
    {
        using var client = ClientFor(scopes: "tokens:manage");
        var body = new StringBuilder("{\"name\":\"t\",\"scopes\":[\"webchats:read\"]");
        foreach (var i in Enumerable.Range(0, 3000))
        {
            body.Append(",\"name\":\"t\"");
        }

        using var response = await client.PostAsync("/api/tokens", Json(body.Append('}').ToString()));

        var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(bytes, Is.LessThan(MaxErrorBodyBytes));
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.None.Empty);
        });
    }
}
