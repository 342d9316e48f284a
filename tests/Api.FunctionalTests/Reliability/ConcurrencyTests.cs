using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Domain.Webchats;

namespace Webchats.Api.FunctionalTests.Reliability;

/// <summary>
/// Many writers on one webchat at once (issue #5, api.md §3 "Concurrency", ADR 0003). Each test
/// checks the final document against a serial replay of the writes that succeeded, in the order
/// the database committed them, and each success's own response against the prefix of that
/// replay; no 5xx, no lost update.
/// <para>
/// Commit order: the ETag is the webchat's version (ADR 0003), one more with each stored change. A
/// write succeeds only on top of the version it read (the previous writer's), so the successes
/// carry consecutive versions and sorting them by ETag sorts them by commit.
/// </para>
/// </summary>
public sealed class ConcurrencyTests : FunctionalTest
{
    /// <summary>Fields no other field's rules depend on, with a stored-form value different from the default.</summary>
    private static readonly (string Field, string Json)[] IndependentFields =
    [
        ("name", "\"Parallel\""), ("description", "\"d\""), ("starterMessage", "\"s\""), ("statusText", "\"st\""),
        ("csatThankYouMessage", "\"c\""), ("backgroundColor", "\"#010101\""), ("primaryColor", "\"#020202\""),
        ("secondaryColor", "\"#030303\""), ("headerTextColor", "\"#040404\""), ("statusTextColor", "\"#050505\""),
        ("timestampColor", "\"#060606\""), ("csatBackgroundColor", "\"#070707\""), ("csatTextColor", "\"#080808\""),
        ("position", "\"bottom-left\""), ("offsetX", "11"), ("offsetY", "12"), ("zIndex", "13"), ("isEnabled", "false"),
        ("allowedDomains", "[\"https://p.example\"]"),
    ];

    [TestCase(2)]
    [TestCase(8)]
    [TestCase(19)]
    public async Task Writers_of_different_fields_all_succeed_and_every_field_survives(int writers)
    {
        var (id, initial) = await CreateAsync();
        var writes = IndependentFields.Take(writers)
            .Select((f, i) => new Write($$"""{"{{f.Field}}":{{f.Json}}}""", i % 2 == 0 ? HttpMethod.Put : HttpMethod.Patch, IfMatch: null))
            .ToList();

        var results = await RunConcurrentlyAsync(id, writes);

        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK), Describe(results));
        await AssertSerialReplayAsync(id, initial, results);

        // Different fields commute: the end result is every patch, whatever the order.
        var everything = Apply(initial, writes.Select(w => w.Body));
        Assert.That(JsonNode.DeepEquals(await ReadDataAsync(id), everything), Is.True);
    }

    [TestCase(8)]
    [TestCase(16)]
    [TestCase(32)]
    public async Task Writers_of_the_same_field_all_succeed_and_the_last_committed_wins(int writers)
    {
        var (id, initial) = await CreateAsync();
        var writes = Enumerable.Range(0, writers)
            .Select(i => new Write($$"""{"name":"writer {{i}}"}""", i % 2 == 0 ? HttpMethod.Put : HttpMethod.Patch, IfMatch: null))
            .ToList();

        var results = await RunConcurrentlyAsync(id, writes);

        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK), Describe(results));
        Assert.That(results.Select(r => r.ETag), Is.Unique, "every write is a new version");
        foreach (var result in results)
        {
            Assert.That(result.Data!["name"]!.GetValue<string>(), Is.EqualTo($"writer {result.Index}"), "each writer reads back its own write");
        }

        var final = await ReadDataAsync(id);
        Assert.That(final["name"]!.GetValue<string>(), Is.AnyOf([.. writes.Select((_, i) => $"writer {i}")]));
        await AssertSerialReplayAsync(id, initial, results);
    }

    [TestCase(8)]
    [TestCase(16)]
    public async Task Writers_with_and_without_If_Match_either_succeed_or_get_412_and_the_result_is_a_serial_replay(int writers)
    {
        var (id, initial) = await CreateAsync();
        using var first = await ClientFor().GetAsync($"/api/webchats/{id}");
        var initialTag = first.Headers.ETag!.ToString();

        // Even writers guard with the ETag they all read first; odd ones write unconditionally. Every
        // write sets the name (so order matters) and one field of its own (so a lost update shows).
        var writes = Enumerable.Range(0, writers)
            .Select(i =>
            {
                var (field, json) = IndependentFields[1 + (i % (IndependentFields.Length - 1))];
                return new Write($$"""{"name":"writer {{i}}","{{field}}":{{json}}}""", i % 4 < 2 ? HttpMethod.Put : HttpMethod.Patch, i % 2 == 0 ? initialTag : null);
            })
            .ToList();

        var results = await RunConcurrentlyAsync(id, writes);

        Assert.Multiple(() =>
        {
            Assert.That(results.Where(r => r.Write.IfMatch is null).Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK), Describe(results));
            Assert.That(results.Where(r => r.Write.IfMatch is not null).Select(r => r.Status),
                Is.All.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.PreconditionFailed), Describe(results));
        });
        var guardedWinners = results.Where(r => r.Write.IfMatch is not null && r.Status == HttpStatusCode.OK).ToList();
        Assert.That(guardedWinners, Has.Count.LessThanOrEqualTo(1), "only the first write can match the ETag every guarded writer read");
        if (guardedWinners.Count == 1)
        {
            Assert.That(guardedWinners[0].Version, Is.EqualTo(results.Where(r => r.Status == HttpStatusCode.OK).Min(r => r.Version)),
                "a guarded write can only have been the first one committed");
        }

        foreach (var refused in results.Where(r => r.Status == HttpStatusCode.PreconditionFailed))
        {
            Assert.That(refused.ContentType, Is.EqualTo("application/problem+json"));
        }

        await AssertSerialReplayAsync(id, initial, results);
    }

    [TestCase(4, 5)]
    [TestCase(8, 5)]
    public async Task Read_modify_write_increments_guarded_by_If_Match_lose_nothing(int clients, int incrementsEach)
    {
        var (id, initial) = await CreateAsync();
        var start = initial["zIndex"]!.GetValue<int>();
        var refusals = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        async Task IncrementAsync()
        {
            using var client = ClientFor();
            for (var done = 0; done < incrementsEach;)
            {
                using var read = await client.GetAsync($"/api/webchats/{id}");
                var zIndex = (await ReadJsonAsync(read)).GetProperty("data").GetProperty("zIndex").GetInt32();
                using var write = new HttpRequestMessage(HttpMethod.Put, $"/api/webchats/{id}") { Content = Json($$"""{"zIndex":{{zIndex + 1}}}""") };
                write.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
                using var response = await client.SendAsync(write);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    done++;
                }
                else
                {
                    Interlocked.Increment(ref refusals);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(IncrementAsync)));

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That((await ReadDataAsync(id))["zIndex"]!.GetValue<int>(), Is.EqualTo(start + (clients * incrementsEach)), "no increment is lost");
        TestContext.Out.WriteLine($"{clients} clients x {incrementsEach} increments: {refusals} writes refused with 412 and retried");
    }

    private static async Task<(string Id, JsonObject Data)> CreateAsync()
    {
        using var client = ClientFor();
        var data = await CreateWebchatAsync(client);
        var id = data.GetProperty("_id").GetString()!;
        return (id, await ReadDataAsync(id));
    }

    private static async Task<JsonObject> ReadDataAsync(string id)
    {
        using var client = ClientFor();
        using var response = await client.GetAsync($"/api/webchats/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsObject();
    }

    /// <summary>Sends every write at the same moment, each from a client of its own.</summary>
    private static async Task<List<Result>> RunConcurrentlyAsync(string id, IReadOnlyList<Write> writes)
    {
        var clients = writes.Select(_ => ClientFor()).ToList();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = writes.Select(async (write, i) =>
        {
            using var request = new HttpRequestMessage(write.Method, $"/api/webchats/{id}")
            {
                Content = Json(write.Body, write.Method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json"),
            };
            if (write.IfMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", write.IfMatch);
            }

            await gate.Task;
            using var response = await clients[i].SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var etag = response.Headers.ETag?.Tag;
            return new Result(
                i, write, response.StatusCode, response.Content.Headers.ContentType?.MediaType, text,
                etag is null ? 0 : long.Parse(etag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture),
                response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(text)!["data"]!.AsObject() : null,
                etag);
        }).ToList();

        gate.SetResult();
        var results = await Task.WhenAll(tasks);
        clients.ForEach(c => c.Dispose());
        Assert.That(results.Select(r => (int)r.Status), Is.All.LessThan(500), Describe(results));
        return [.. results];
    }

    /// <summary>
    /// The successes, sorted by commit (ETag), replayed one by one on the initial document: each
    /// response is the replay up to itself, and the stored document and its ETag are the last one.
    /// </summary>
    private static async Task AssertSerialReplayAsync(string id, JsonObject initial, IReadOnlyList<Result> results)
    {
        var committed = results.Where(r => r.Status == HttpStatusCode.OK).OrderBy(r => r.Version).ToList();
        Assert.That(committed.Select(r => r.Version), Is.Unique, "two writes cannot produce the same version");

        var replay = initial;
        foreach (var result in committed)
        {
            replay = Apply(replay, [result.Write.Body]);
            Assert.That(JsonNode.DeepEquals(result.Data, replay), Is.True,
                $"writer {result.Index} (version {result.Version}) answered\n{result.Data}\nbut the serial replay up to it is\n{replay}");
        }

        // A write that lost the race must leave no trace: one update revision per committed write.
        var updateRevisions = await TestEnvironment.QueryDbAsync(db =>
            Task.FromResult(db.WebchatRevisions.Count(r => r.WebchatId == id && r.Kind == RevisionKind.Updated)));
        Assert.That(updateRevisions, Is.EqualTo(committed.Count), "audit revisions of updates");

        using var client = ClientFor();
        using var response = await client.GetAsync($"/api/webchats/{id}");
        var final = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(final, replay), Is.True, $"stored\n{final}\nserial replay\n{replay}");
            if (committed.Count > 0)
            {
                Assert.That(response.Headers.ETag?.Tag, Is.EqualTo(committed[^1].ETag), "the stored version is the last one committed");
            }
        });
    }

    /// <summary>Patch semantics on a document whose values are already in stored form.</summary>
    private static JsonObject Apply(JsonObject document, IEnumerable<string> patches)
    {
        var result = document.DeepClone().AsObject();
        foreach (var patch in patches)
        {
            foreach (var (name, value) in JsonNode.Parse(patch)!.AsObject())
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }

    private static string Describe(IEnumerable<Result> results) =>
        string.Join("\n", results.Select(r => $"writer {r.Index} {r.Write.Method} if-match={r.Write.IfMatch ?? "-"}: {(int)r.Status} {r.Text[..Math.Min(200, r.Text.Length)]}"));

    private sealed record Write(string Body, HttpMethod Method, string? IfMatch);

    private sealed record Result(int Index, Write Write, HttpStatusCode Status, string? ContentType, string Text, long Version, JsonObject? Data, string? ETag);
}
