using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>PUT /api/webchats/{id}: api.md §3, rule by rule.</summary>
public sealed class UpdateWebchatTests : FunctionalTest
{
    private HttpClient _client = null!;

    [SetUp]
    public void CreateClient() => _client = ClientFor();

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    [Test]
    public async Task Reference_page_request_updates_the_three_fields_and_answers_with_the_updated_envelope()
    {
        var id = await CreateAsync("""{"name":"Marketing site widget","isEnabled":false}""");
        TestEnvironment.Clock.Advance(TimeSpan.FromMinutes(5));

        using var response = await _client.PutAsync($"/api/webchats/{id}", Json("""
            {
              "starterMessage": "Hi! Looking for help today?",
              "isEnabled": true,
              "allowedDomains": [
                "https://example.com",
                "https://help.example.com"
              ]
            }
            """));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ReadJsonAsync(response);
        var data = body.GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "message", "data" }));
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Webchat configuration updated"));
            Assert.That(response.Headers.ETag, Is.Not.Null);
            Assert.That(data.GetProperty("_id").GetString(), Is.EqualTo(id));
            Assert.That(data.GetProperty("name").GetString(), Is.EqualTo("Marketing site widget"));
            Assert.That(data.GetProperty("starterMessage").GetString(), Is.EqualTo("Hi! Looking for help today?"));
            Assert.That(data.GetProperty("isEnabled").GetBoolean(), Is.True);
            Assert.That(Strings(data.GetProperty("allowedDomains")), Is.EqualTo(new[] { "https://example.com", "https://help.example.com" }));
            Assert.That(data.GetProperty("createdAt").GetString(), Is.EqualTo("2026-03-12T10:00:00.000Z"));
            Assert.That(data.GetProperty("updatedAt").GetString(), Is.EqualTo("2026-03-12T10:05:00.000Z"));
            Assert.That(data.EnumerateObject().Count(), Is.EqualTo(32));
        });
    }

    [Test]
    public async Task Absent_properties_leave_every_other_field_unchanged()
    {
        await SeedReferenceDataAsync();
        var id = await CreateAsync($$"""
            {"name":"Full","description":"d","starterMessage":"s","primaryColor":"#123456","statusText":"st",
             "csatThankYouMessage":"c","promptId":"{{PromptA}}","allowedDomains":["https://a.example"],
             "pipelineId":"{{PipelineA}}","pipelineStage":"won","initialStage":"new","isAutopilot":true,
             "isEnabled":false,"position":"bottom-left","offsetX":1,"offsetY":2,"zIndex":3}
            """);
        var before = await GetAsync(id);

        using var response = await _client.PutAsync($"/api/webchats/{id}", Json("""{"name":"Renamed"}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var after = await GetAsync(id);

        foreach (var property in before.EnumerateObject())
        {
            if (property.Name is not ("name" or "updatedAt"))
            {
                Assert.That(after.GetProperty(property.Name).ToString(), Is.EqualTo(property.Value.ToString()), property.Name);
            }
        }

        Assert.That(after.GetProperty("name").GetString(), Is.EqualTo("Renamed"));
    }

    // Explicit null, "" and whitespace clear the optional text and reference fields.
    [TestCase("description", "null")]
    [TestCase("description", "\"\"")]
    [TestCase("starterMessage", "\"   \"")]
    [TestCase("statusText", "null")]
    [TestCase("csatThankYouMessage", "\"\"")]
    [TestCase("promptId", "null")]
    [TestCase("promptId", "\"\"")]
    [TestCase("pipelineStage", "null")]
    [TestCase("initialStage", "\" \"")]
    public async Task Null_or_blank_clears_an_optional_field(string field, string value)
    {
        await SeedReferenceDataAsync();
        var id = await CreateAsync($$"""
            {"name":"x","description":"d","starterMessage":"s","statusText":"st","csatThankYouMessage":"c",
             "promptId":"{{PromptA}}","pipelineId":"{{PipelineA}}","pipelineStage":"won","initialStage":"new"}
            """);

        var data = await PutOkAsync(id, $$"""{"{{field}}":{{value}}}""");

        Assert.That(data.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Clearing_the_pipeline_clears_both_stages()
    {
        await SeedReferenceDataAsync();
        var id = await CreateAsync($$"""{"name":"x","pipelineId":"{{PipelineA}}","pipelineStage":"won","initialStage":"new"}""");

        var data = await PutOkAsync(id, """{"pipelineId":null}""");

        Assert.Multiple(() =>
        {
            Assert.That(data.GetProperty("pipelineId").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(data.GetProperty("pipelineStage").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(data.GetProperty("initialStage").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Clearing_the_pipeline_while_setting_a_stage_is_400()
    {
        await SeedReferenceDataAsync();
        var id = await CreateAsync($$"""{"name":"x","pipelineId":"{{PipelineA}}"}""");
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json("""{"pipelineId":null,"initialStage":"new"}"""));
        await AssertValidationErrorsAsync(response, "initialStage");
    }

    [TestCase("backgroundColor", "#FFFFFF")]
    [TestCase("primaryColor", "#1F2937")]
    [TestCase("secondaryColor", "#3B82F6")]
    [TestCase("headerTextColor", "#FFFFFF")]
    [TestCase("statusTextColor", "#D1D5DB")]
    [TestCase("timestampColor", "#9CA3AF")]
    [TestCase("csatBackgroundColor", "#F3F4F6")]
    [TestCase("csatTextColor", "#111827")]
    public async Task Null_or_blank_resets_a_colour_to_its_default(string field, string defaultColor)
    {
        var id = await CreateAsync($$"""{"name":"x","{{field}}":"#010203"}""");
        Assert.That((await PutOkAsync(id, $$"""{"{{field}}":null}""")).GetProperty(field).GetString(), Is.EqualTo(defaultColor));

        await PutOkAsync(id, $$"""{"{{field}}":"#010203"}""");
        Assert.That((await PutOkAsync(id, $$"""{"{{field}}":""}""")).GetProperty(field).GetString(), Is.EqualTo(defaultColor));
    }

    [TestCase("#abc", "#AABBCC")]
    [TestCase("#A1b2C3", "#A1B2C3")]
    [TestCase("#a1b2c3d4", "#A1B2C3D4")]
    [TestCase("  #fff  ", "#FFFFFF")]
    public async Task Colours_are_stored_as_uppercase_long_form(string sent, string stored)
    {
        var id = await CreateAsync();
        Assert.That((await PutOkAsync(id, $$"""{"primaryColor":"{{sent}}"}""")).GetProperty("primaryColor").GetString(), Is.EqualTo(stored));
    }

    [TestCase("name")]
    [TestCase("isAutopilot")]
    [TestCase("isEnabled")]
    [TestCase("allowedDomains")]
    [TestCase("position")]
    [TestCase("offsetX")]
    [TestCase("offsetY")]
    [TestCase("zIndex")]
    public async Task Null_for_a_required_field_is_400_must_not_be_null(string field)
    {
        var id = await CreateAsync();
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json($$"""{"{{field}}":null}"""));
        var errors = await AssertValidationErrorsAsync(response, field);
        Assert.That(errors.GetProperty(field)[0].GetString(), Does.StartWith("must not be null"));
    }

    [Test]
    public async Task Empty_list_empties_allowedDomains()
    {
        var id = await CreateAsync("""{"name":"x","allowedDomains":["https://a.example"]}""");
        Assert.That((await PutOkAsync(id, """{"allowedDomains":[]}""")).GetProperty("allowedDomains").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task AllowedDomains_are_normalised_deduplicated_and_keep_their_order()
    {
        var id = await CreateAsync();
        var data = await PutOkAsync(id, """
            {"allowedDomains":[" HTTPS://Help.Example.COM/ ","https://*.example.com","https://bücher.example:8443","http://127.0.0.1:80","https://help.example.com:443","http://LOCALHOST:5173"]}
            """);
        Assert.That(Strings(data.GetProperty("allowedDomains")), Is.EqualTo(new[]
        {
            "https://help.example.com", "https://*.example.com", "https://xn--bcher-kva.example:8443", "http://127.0.0.1", "http://localhost:5173",
        }));
    }

    [TestCase("javascript:alert(1)")]
    [TestCase("data:text/html,hi")]
    [TestCase("ftp://example.com")]
    [TestCase("http://example.com")]
    [TestCase("https://example.com/path")]
    [TestCase("https://example.com?q=1")]
    [TestCase("https://example.com#top")]
    [TestCase("https://user:pass@example.com")]
    [TestCase("https://")]
    [TestCase("https://exa mple.com")]
    [TestCase("https://a.*.example.com")]
    [TestCase("https://*example.com")]
    [TestCase("example.com")]
    [TestCase("")]
    public async Task A_refused_origin_is_400_keyed_by_its_index(string origin)
    {
        var id = await CreateAsync();
        using var response = await _client.PutAsync($"/api/webchats/{id}",
            Json(JsonSerializer.Serialize(new { allowedDomains = new[] { "https://fine.example", origin } })));
        await AssertValidationErrorsAsync(response, "allowedDomains[1]");
    }

    [Test]
    public async Task More_than_100_origins_is_400()
    {
        var id = await CreateAsync();
        var origins = Enumerable.Range(0, 101).Select(i => $"https://s{i}.example.com");
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json(JsonSerializer.Serialize(new { allowedDomains = origins })));
        await AssertValidationErrorsAsync(response, "allowedDomains");
    }

    [Test]
    public async Task Autopilot_alone_is_valid_when_the_webchat_already_has_a_prompt()
    {
        await SeedReferenceDataAsync();
        var id = await CreateAsync($$"""{"name":"x","promptId":"{{PromptA}}"}""");
        Assert.That((await PutOkAsync(id, """{"isAutopilot":true}""")).GetProperty("isAutopilot").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Autopilot_without_a_prompt_is_400_and_so_is_removing_the_prompt_of_an_autopilot()
    {
        await SeedReferenceDataAsync();
        var plain = await CreateAsync();
        using var enable = await _client.PutAsync($"/api/webchats/{plain}", Json("""{"isAutopilot":true}"""));
        await AssertValidationErrorsAsync(enable, "isAutopilot");

        var autopilot = await CreateAsync($$"""{"name":"x","promptId":"{{PromptA}}","isAutopilot":true}""");
        using var clear = await _client.PutAsync($"/api/webchats/{autopilot}", Json("""{"promptId":null}"""));
        await AssertValidationErrorsAsync(clear, "isAutopilot");
    }

    [Test]
    public async Task References_must_name_prompts_and_pipelines_of_the_same_organization()
    {
        await SeedReferenceDataAsync();
        var id = await CreateAsync();
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json($$"""{"promptId":"{{PromptB}}","pipelineId":"{{PipelineB}}"}"""));
        await AssertValidationErrorsAsync(response, "promptId", "pipelineId");
    }

    [Test]
    public async Task Stages_must_belong_to_the_resulting_pipeline()
    {
        await SeedReferenceDataAsync();
        var id = await CreateAsync($$"""{"name":"x","pipelineId":"{{PipelineA}}"}""");

        Assert.That((await PutOkAsync(id, """{"pipelineStage":"qualified"}""")).GetProperty("pipelineStage").GetString(), Is.EqualTo("qualified"));
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json("""{"pipelineStage":"open","initialStage":"nope"}"""));
        await AssertValidationErrorsAsync(response, "pipelineStage", "initialStage");
    }

    [Test]
    public async Task Read_only_fields_sent_back_unchanged_are_accepted()
    {
        var id = await CreateAsync();
        var document = await GetAsync(id);
        var roundTrip = document.ToString().Replace("\"name\":\"Widget\"", "\"name\":\"Round trip\"", StringComparison.Ordinal);

        var data = await PutOkAsync(id, roundTrip);

        Assert.That(data.GetProperty("name").GetString(), Is.EqualTo("Round trip"));
    }

    [TestCase("_id", "\"67d3a0b0c0d0e0f0a0b0c0d1\"")]
    [TestCase("organizationId", "\"75a0e0e0e0e0e0e0e0e0e0e0\"")]
    [TestCase("userId", "\"75b1f0a2c3d4e5f6a7b8c9d0\"")]
    [TestCase("createdBy", "null")]
    [TestCase("updatedBy", "\"75b1f0a2c3d4e5f6a7b8c9d0\"")]
    [TestCase("createdAt", "\"2020-01-01T00:00:00.000Z\"")]
    [TestCase("updatedAt", "\"yesterday\"")]
    public async Task A_changed_read_only_field_is_400_is_read_only(string field, string value)
    {
        var id = await CreateAsync();
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json($$"""{"name":"new","{{field}}":{{value}}}"""));
        var errors = await AssertValidationErrorsAsync(response, field);
        Assert.That(errors.GetProperty(field)[0].GetString(), Is.EqualTo("is read-only"));
        Assert.That((await GetAsync(id)).GetProperty("name").GetString(), Is.EqualTo("Widget"));
    }

    [TestCase("""{"isEnable":true}""", "isEnable")]
    [TestCase("""{"IsEnabled":true}""", "IsEnabled")]
    [TestCase("""{"__proto__":{"isAdmin":true}}""", "__proto__")]
    [TestCase("""{"name":"a","name":"b"}""", "name")]
    [TestCase("""{"isEnabled":"yes"}""", "isEnabled")]
    [TestCase("""{"isEnabled":1}""", "isEnabled")]
    [TestCase("""{"offsetX":"24"}""", "offsetX")]
    [TestCase("""{"offsetX":24.5}""", "offsetX")]
    [TestCase("""{"name":42}""", "name")]
    [TestCase("""{"name":["a"]}""", "name")]
    [TestCase("""{"allowedDomains":[1]}""", "allowedDomains")]
    [TestCase("""{"allowedDomains":{"a":1}}""", "allowedDomains")]
    [TestCase("""{"icon":false}""", "icon")]
    public async Task Unknown_duplicate_and_wrongly_typed_properties_are_400_keyed_by_name(string body, string key)
    {
        var id = await CreateAsync();
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json(body));
        await AssertValidationErrorsAsync(response, key);
    }

    [TestCase("{")]
    [TestCase("""{"name":"x",}""")]
    [TestCase("""{"name":'x'}""")]
    [TestCase("[]")]
    [TestCase("\"text\"")]
    [TestCase("null")]
    [TestCase("""{"name":"x"} {}""")]
    [TestCase("")]
    public async Task Malformed_or_non_object_json_is_400_keyed_by_the_root(string body)
    {
        var id = await CreateAsync();
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json(body));
        await AssertValidationErrorsAsync(response, "$");
    }

    [Test]
    public async Task Deeply_nested_json_is_400_not_500()
    {
        var id = await CreateAsync();
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json(nested));
        await AssertValidationErrorsAsync(response, "$");
    }

    [TestCase("text/plain")]
    [TestCase("application/xml")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("application/merge-patch+json")]
    public async Task Put_with_a_non_json_content_type_is_415(string mediaType)
    {
        var id = await CreateAsync();
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json("""{"name":"x"}""", mediaType));
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.That((await GetAsync(id)).GetProperty("name").GetString(), Is.EqualTo("Widget"));
    }

    [Test]
    public async Task Body_over_64_KiB_is_413_and_changes_nothing()
    {
        var id = await CreateAsync();
        var body = JsonSerializer.Serialize(new { name = "big", description = new string('x', 70 * 1024) });
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json(body));
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.That((await GetAsync(id)).GetProperty("name").GetString(), Is.EqualTo("Widget"));
    }

    [Test]
    public async Task Empty_object_is_a_valid_no_op()
    {
        var id = await CreateAsync();
        using var before = await _client.GetAsync($"/api/webchats/{id}");
        TestEnvironment.Clock.Advance(TimeSpan.FromHours(1));

        using var response = await _client.PutAsync($"/api/webchats/{id}", Json("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.ETag, Is.EqualTo(before.Headers.ETag));
        Assert.That((await ReadJsonAsync(response)).GetProperty("data").ToString(), Is.EqualTo((await ReadJsonAsync(before)).GetProperty("data").ToString()));
    }

    [Test]
    public async Task Sending_the_stored_values_again_writes_nothing_and_keeps_updatedAt_updatedBy_and_etag()
    {
        var id = await CreateAsync("""{"name":"Same","primaryColor":"#112233","allowedDomains":["https://a.example"]}""");
        using var before = await _client.GetAsync($"/api/webchats/{id}");
        TestEnvironment.Clock.Advance(TimeSpan.FromHours(1));
        using var otherUser = ClientFor(OrgA, "75b1f0a2c3d4e5f6a7b8c9d0");

        using var response = await otherUser.PutAsync($"/api/webchats/{id}",
            Json("""{"name":" Same ","primaryColor":"#123","allowedDomains":["https://A.example/"],"description":null}"""));

        var data = (await ReadJsonAsync(response)).GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag, Is.EqualTo(before.Headers.ETag));
            Assert.That(data.GetProperty("updatedAt").GetString(), Is.EqualTo("2026-03-12T10:00:00.000Z"));
            Assert.That(data.GetProperty("updatedBy").GetString(), Is.EqualTo(UserA));
        });
    }

    [Test]
    public async Task A_real_change_sets_updatedAt_from_the_clock_updatedBy_to_the_caller_and_a_new_etag()
    {
        var id = await CreateAsync();
        using var before = await _client.GetAsync($"/api/webchats/{id}");
        TestEnvironment.Clock.Advance(TimeSpan.FromSeconds(90.1234));
        using var otherUser = ClientFor(OrgA, "75b1f0a2c3d4e5f6a7b8c9d0");

        using var response = await otherUser.PutAsync($"/api/webchats/{id}", Json("""{"offsetX":30}"""));

        var data = (await ReadJsonAsync(response)).GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.ETag, Is.Not.EqualTo(before.Headers.ETag));
            Assert.That(data.GetProperty("updatedAt").GetString(), Is.EqualTo("2026-03-12T10:01:30.123Z"));
            Assert.That(data.GetProperty("updatedBy").GetString(), Is.EqualTo("75b1f0a2c3d4e5f6a7b8c9d0"));
            Assert.That(data.GetProperty("userId").GetString(), Is.EqualTo(UserA));
            Assert.That(data.GetProperty("createdAt").GetString(), Is.EqualTo("2026-03-12T10:00:00.000Z"));
        });
    }

    [Test]
    public async Task If_Match_with_the_current_etag_succeeds_and_with_a_stale_one_is_412_changing_nothing()
    {
        var id = await CreateAsync();
        using var first = await _client.GetAsync($"/api/webchats/{id}");
        var staleTag = first.Headers.ETag!;

        using var matching = Put(id, """{"name":"v2"}""", staleTag.ToString());
        using var ok = await _client.SendAsync(matching);
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var stale = Put(id, """{"offsetX":1}""", staleTag.ToString());
        using var refused = await _client.SendAsync(stale);
        await AssertProblemAsync(refused, HttpStatusCode.PreconditionFailed);
        Assert.That((await GetAsync(id)).GetProperty("offsetX").GetInt32(), Is.EqualTo(24));
    }

    [Test]
    public async Task If_Match_star_matches_any_existing_webchat_but_not_a_missing_one()
    {
        var id = await CreateAsync();
        using var ok = await _client.SendAsync(Put(id, """{"name":"v2"}""", "*"));
        using var missing = await _client.SendAsync(Put(MissingId, """{"name":"v2"}""", "*"));
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Concurrent_puts_of_different_fields_all_survive()
    {
        var id = await CreateAsync();
        var fields = new (string Name, string Json, string Expected)[]
        {
            ("name", "\"Parallel\"", "Parallel"), ("description", "\"d\"", "d"), ("starterMessage", "\"s\"", "s"),
            ("statusText", "\"st\"", "st"), ("csatThankYouMessage", "\"c\"", "c"), ("backgroundColor", "\"#010101\"", "#010101"),
            ("primaryColor", "\"#020202\"", "#020202"), ("secondaryColor", "\"#030303\"", "#030303"),
            ("headerTextColor", "\"#040404\"", "#040404"), ("statusTextColor", "\"#050505\"", "#050505"),
            ("timestampColor", "\"#060606\"", "#060606"), ("csatBackgroundColor", "\"#070707\"", "#070707"),
            ("csatTextColor", "\"#080808\"", "#080808"), ("position", "\"bottom-left\"", "bottom-left"),
            ("offsetX", "11", "11"), ("offsetY", "12", "12"), ("zIndex", "13", "13"), ("isEnabled", "false", "False"),
            ("allowedDomains", "[\"https://p.example\"]", "[\"https://p.example\"]"),
        };
        var clients = fields.Select(_ => ClientFor()).ToList();

        var responses = await Task.WhenAll(fields.Select((f, i) =>
            clients[i].PutAsync($"/api/webchats/{id}", Json($$"""{"{{f.Name}}":{{f.Json}}}"""))));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var data = await GetAsync(id);
        foreach (var (name, _, expected) in fields)
        {
            var actual = data.GetProperty(name);
            var text = actual.ValueKind switch
            {
                JsonValueKind.String => actual.GetString(),
                JsonValueKind.Array => actual.GetRawText(),
                _ => actual.ToString(),
            };
            Assert.That(text, Is.EqualTo(expected), name);
        }

        foreach (var disposable in responses.Cast<IDisposable>().Concat(clients))
        {
            disposable.Dispose();
        }
    }

    [TestCase("application/merge-patch+json")]
    [TestCase("application/json")]
    public async Task Patch_behaves_exactly_as_put(string mediaType)
    {
        var id = await CreateAsync("""{"name":"x","description":"keep"}""");
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/webchats/{id}") { Content = Json("""{"name":"patched","statusText":null}""", mediaType) };
        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Webchat configuration updated"));
            Assert.That(body.GetProperty("data").GetProperty("name").GetString(), Is.EqualTo("patched"));
            Assert.That(body.GetProperty("data").GetProperty("description").GetString(), Is.EqualTo("keep"));
            Assert.That(response.Headers.ETag, Is.Not.Null);
        });
    }

    [Test]
    public async Task Patch_with_text_plain_is_415()
    {
        var id = await CreateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/webchats/{id}") { Content = Json("{}", "text/plain") };
        using var response = await _client.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Hostile_strings_are_stored_verbatim_and_returned_as_json_text()
    {
        var id = await CreateAsync();
        const string hostile = "'; DROP TABLE webchats; -- <script>alert(1)</script> 😀";
        var data = await PutOkAsync(id, JsonSerializer.Serialize(new { name = hostile, description = "line1\nline2\ttab" }));
        Assert.That(data.GetProperty("name").GetString(), Is.EqualTo(hostile));
        Assert.That(data.GetProperty("description").GetString(), Is.EqualTo("line1\nline2\ttab"));
    }

    [TestCase("""{"name":"a\u0000b"}""")]
    [TestCase("""{"name":"a\u0007b"}""")]
    [TestCase("""{"name":"a\nb"}""")]
    [TestCase("""{"name":"\ud800"}""")]
    public async Task Control_characters_and_lone_surrogates_are_400_not_500(string body)
    {
        var id = await CreateAsync();
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json(body));
        await AssertValidationErrorsAsync(response, "name");
    }

    [Test]
    public async Task Invalid_utf8_is_400()
    {
        var id = await CreateAsync();
        var bytes = Encoding.UTF8.GetBytes("{\"name\":\"ab\"}");
        bytes[9] = 0xFF;
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _client.PutAsync($"/api/webchats/{id}", content);
        await AssertValidationErrorsAsync(response, "$");
    }

    private async Task<string> CreateAsync(string json = """{"name":"Widget"}""") =>
        (await CreateWebchatAsync(_client, json)).GetProperty("_id").GetString()!;

    private async Task<JsonElement> GetAsync(string id)
    {
        using var response = await _client.GetAsync($"/api/webchats/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (await ReadJsonAsync(response)).GetProperty("data");
    }

    private async Task<JsonElement> PutOkAsync(string id, string json)
    {
        using var response = await _client.PutAsync($"/api/webchats/{id}", Json(json));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response)).GetProperty("data");
    }

    private static HttpRequestMessage Put(string id, string json, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/webchats/{id}") { Content = Json(json) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());
}
