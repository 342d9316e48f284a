using System.Net;
using System.Text.Json;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Webchats;

public sealed class CreateWebchatTests : FunctionalTest
{
    private static readonly string[] AllFields =
    [
        "_id", "organizationId", "userId", "createdBy", "updatedBy", "name", "description", "starterMessage",
        "backgroundColor", "primaryColor", "secondaryColor", "headerTextColor", "statusTextColor", "timestampColor",
        "csatBackgroundColor", "csatTextColor", "icon", "statusText", "csatThankYouMessage", "promptId", "allowedDomains",
        "pipelineId", "pipelineStage", "initialStage", "isAutopilot", "isEnabled", "position", "offsetX", "offsetY",
        "zIndex", "createdAt", "updatedAt",
    ];

    [Test]
    public async Task Create_with_only_a_name_returns_201_with_every_default()
    {
        using var client = ClientFor();
        using var response = await client.PostAsync("/api/webchats", Json("""{"name":"  Marketing site widget  "}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var body = await ReadJsonAsync(response);
        var data = body.GetProperty("data");
        var id = data.GetProperty("_id").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Webchat configuration created"));
            Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/api/webchats/{id}"));
            Assert.That(response.Headers.ETag, Is.Not.Null);
            Assert.That(data.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(AllFields));
            Assert.That(id, Does.Match("^[0-9a-f]{24}$"));
            Assert.That(data.GetProperty("organizationId").GetString(), Is.EqualTo(OrgA));
            Assert.That(data.GetProperty("userId").GetString(), Is.EqualTo(UserA));
            Assert.That(data.GetProperty("createdBy").GetString(), Is.EqualTo(UserA));
            Assert.That(data.GetProperty("updatedBy").GetString(), Is.EqualTo(UserA));
            Assert.That(data.GetProperty("name").GetString(), Is.EqualTo("Marketing site widget"));
            foreach (var optional in new[] { "description", "starterMessage", "icon", "statusText", "csatThankYouMessage", "promptId", "pipelineId", "pipelineStage", "initialStage" })
            {
                Assert.That(data.GetProperty(optional).ValueKind, Is.EqualTo(JsonValueKind.Null), optional);
            }

            Assert.That(data.GetProperty("backgroundColor").GetString(), Is.EqualTo("#FFFFFF"));
            Assert.That(data.GetProperty("primaryColor").GetString(), Is.EqualTo("#1F2937"));
            Assert.That(data.GetProperty("secondaryColor").GetString(), Is.EqualTo("#3B82F6"));
            Assert.That(data.GetProperty("headerTextColor").GetString(), Is.EqualTo("#FFFFFF"));
            Assert.That(data.GetProperty("statusTextColor").GetString(), Is.EqualTo("#D1D5DB"));
            Assert.That(data.GetProperty("timestampColor").GetString(), Is.EqualTo("#9CA3AF"));
            Assert.That(data.GetProperty("csatBackgroundColor").GetString(), Is.EqualTo("#F3F4F6"));
            Assert.That(data.GetProperty("csatTextColor").GetString(), Is.EqualTo("#111827"));
            Assert.That(data.GetProperty("allowedDomains").GetArrayLength(), Is.Zero);
            Assert.That(data.GetProperty("isAutopilot").GetBoolean(), Is.False);
            Assert.That(data.GetProperty("isEnabled").GetBoolean(), Is.True);
            Assert.That(data.GetProperty("position").GetString(), Is.EqualTo("bottom-right"));
            Assert.That(data.GetProperty("offsetX").GetInt32(), Is.EqualTo(24));
            Assert.That(data.GetProperty("offsetY").GetInt32(), Is.EqualTo(24));
            Assert.That(data.GetProperty("zIndex").GetInt32(), Is.EqualTo(9999));
            Assert.That(data.GetProperty("createdAt").GetString(), Is.EqualTo("2026-03-12T10:00:00.000Z"));
            Assert.That(data.GetProperty("updatedAt").GetString(), Is.EqualTo("2026-03-12T10:00:00.000Z"));
        });
    }

    [Test]
    public async Task Create_id_carries_the_creation_time_in_its_first_four_bytes()
    {
        using var client = ClientFor();
        var data = await CreateWebchatAsync(client);

        var seconds = Convert.ToUInt32(data.GetProperty("_id").GetString()![..8], 16);
        Assert.That(DateTimeOffset.FromUnixTimeSeconds(seconds), Is.EqualTo(TestEnvironment.Epoch));
    }

    [Test]
    public async Task Create_with_every_field_normalises_and_stores_them()
    {
        await SeedReferenceDataAsync();
        using var client = ClientFor();
        var data = await CreateWebchatAsync(client, $$"""
            {
              "name": "Support", "description": " Help desk ", "starterMessage": "Hi! Looking for help today?",
              "backgroundColor": "#abc", "primaryColor": "#112233", "secondaryColor": "#aabbccdd",
              "headerTextColor": " #fff ", "statusTextColor": "#000", "timestampColor": "#123456",
              "csatBackgroundColor": "#FEDCBA", "csatTextColor": "#0a0B0c",
              "statusText": "We reply in minutes", "csatThankYouMessage": "Thanks!",
              "promptId": "{{PromptA}}", "allowedDomains": ["https://Example.com:443/", "https://*.example.com", "http://localhost:3000", "https://example.com"],
              "pipelineId": "{{PipelineA}}", "pipelineStage": "qualified", "initialStage": "new",
              "isAutopilot": true, "isEnabled": false, "position": "bottom-left", "offsetX": 0, "offsetY": 500, "zIndex": 2147483647
            }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(data.GetProperty("description").GetString(), Is.EqualTo("Help desk"));
            Assert.That(data.GetProperty("backgroundColor").GetString(), Is.EqualTo("#AABBCC"));
            Assert.That(data.GetProperty("secondaryColor").GetString(), Is.EqualTo("#AABBCCDD"));
            Assert.That(data.GetProperty("headerTextColor").GetString(), Is.EqualTo("#FFFFFF"));
            Assert.That(data.GetProperty("csatTextColor").GetString(), Is.EqualTo("#0A0B0C"));
            Assert.That(data.GetProperty("allowedDomains").EnumerateArray().Select(e => e.GetString()),
                Is.EqualTo(new[] { "https://example.com", "https://*.example.com", "http://localhost:3000" }));
            Assert.That(data.GetProperty("promptId").GetString(), Is.EqualTo(PromptA));
            Assert.That(data.GetProperty("pipelineStage").GetString(), Is.EqualTo("qualified"));
            Assert.That(data.GetProperty("isAutopilot").GetBoolean(), Is.True);
            Assert.That(data.GetProperty("isEnabled").GetBoolean(), Is.False);
            Assert.That(data.GetProperty("position").GetString(), Is.EqualTo("bottom-left"));
            Assert.That(data.GetProperty("offsetY").GetInt32(), Is.EqualTo(500));
            Assert.That(data.GetProperty("zIndex").GetInt32(), Is.EqualTo(int.MaxValue));
        });

        using var read = await client.GetAsync($"/api/webchats/{data.GetProperty("_id").GetString()}");
        Assert.That((await ReadJsonAsync(read)).GetProperty("data").ToString(), Is.EqualTo(data.ToString()));
    }

    [Test]
    public async Task Create_without_name_is_400_name_is_required()
    {
        using var client = ClientFor();
        using var response = await client.PostAsync("/api/webchats", Json("{}"));
        var errors = await AssertValidationErrorsAsync(response, "name");
        Assert.That(errors.GetProperty("name")[0].GetString(), Is.EqualTo("is required"));
    }

    // Every field rule of api.md §1 on create, one row each: body, the error key it must produce.
    [TestCase("""{"name":null}""", "name")]
    [TestCase("""{"name":"   "}""", "name")]
    [TestCase("""{"name":"x","description":"DESC_TOO_LONG"}""", "description")]
    [TestCase("""{"name":"x","starterMessage":"STARTER_TOO_LONG"}""", "starterMessage")]
    [TestCase("""{"name":"x","statusText":"STATUS_TOO_LONG"}""", "statusText")]
    [TestCase("""{"name":"x","csatThankYouMessage":"CSAT_TOO_LONG"}""", "csatThankYouMessage")]
    [TestCase("""{"name":"NAME_TOO_LONG"}""", "name")]
    [TestCase("""{"name":"x","backgroundColor":"red"}""", "backgroundColor")]
    [TestCase("""{"name":"x","primaryColor":"#12345"}""", "primaryColor")]
    [TestCase("""{"name":"x","secondaryColor":"123456"}""", "secondaryColor")]
    [TestCase("""{"name":"x","headerTextColor":"#GGGGGG"}""", "headerTextColor")]
    [TestCase("""{"name":"x","statusTextColor":"rgb(0,0,0)"}""", "statusTextColor")]
    [TestCase("""{"name":"x","timestampColor":"#1234"}""", "timestampColor")]
    [TestCase("""{"name":"x","csatBackgroundColor":"#1234567"}""", "csatBackgroundColor")]
    [TestCase("""{"name":"x","csatTextColor":"#123456789"}""", "csatTextColor")]
    [TestCase("""{"name":"x","promptId":"abc"}""", "promptId")]
    [TestCase("""{"name":"x","promptId":"65B2A1C3D4E5F6A7B8C9D0E1"}""", "promptId")]
    [TestCase("""{"name":"x","pipelineId":"not-an-id"}""", "pipelineId")]
    [TestCase("""{"name":"x","allowedDomains":["javascript:alert(1)"]}""", "allowedDomains[0]")]
    [TestCase("""{"name":"x","allowedDomains":["https://ok.example","http://example.com"]}""", "allowedDomains[1]")]
    [TestCase("""{"name":"x","allowedDomains":null}""", "allowedDomains")]
    [TestCase("""{"name":"x","allowedDomains":"https://example.com"}""", "allowedDomains")]
    [TestCase("""{"name":"x","pipelineStage":"STAGE_TOO_LONG"}""", "pipelineStage")]
    [TestCase("""{"name":"x","isAutopilot":null}""", "isAutopilot")]
    [TestCase("""{"name":"x","isEnabled":"yes"}""", "isEnabled")]
    [TestCase("""{"name":"x","position":"top-left"}""", "position")]
    [TestCase("""{"name":"x","position":null}""", "position")]
    [TestCase("""{"name":"x","offsetX":-1}""", "offsetX")]
    [TestCase("""{"name":"x","offsetY":501}""", "offsetY")]
    [TestCase("""{"name":"x","offsetX":1.5}""", "offsetX")]
    [TestCase("""{"name":"x","offsetY":null}""", "offsetY")]
    [TestCase("""{"name":"x","zIndex":-1}""", "zIndex")]
    [TestCase("""{"name":"x","zIndex":2147483648}""", "zIndex")]
    [TestCase("""{"name":"x","zIndex":"9999"}""", "zIndex")]
    [TestCase("""{"name":"x","isAutopilot":true}""", "isAutopilot")]
    [TestCase("""{"name":"x","pipelineStage":"new"}""", "pipelineStage")]
    [TestCase("""{"name":"x","initialStage":"new"}""", "initialStage")]
    [TestCase("""{"name":"x","_id":"67d3a0b0c0d0e0f0a0b0c0d0"}""", "_id")]
    [TestCase("""{"name":"x","organizationId":"65a0e0e0e0e0e0e0e0e0e0e0"}""", "organizationId")]
    [TestCase("""{"name":"x","isEnable":true}""", "isEnable")]
    [TestCase("""{"name":"x","Name":"y"}""", "Name")]
    [TestCase("""{"name":"x","name":"y"}""", "name")]
    [TestCase("""{"name":"a\u0000b"}""", "name")]
    public async Task Create_refuses_a_broken_field_rule_with_400_keyed_by_the_field(string body, string key)
    {
        body = body
            .Replace("NAME_TOO_LONG", new string('n', 121), StringComparison.Ordinal)
            .Replace("DESC_TOO_LONG", new string('d', 1001), StringComparison.Ordinal)
            .Replace("STARTER_TOO_LONG", new string('s', 1001), StringComparison.Ordinal)
            .Replace("STATUS_TOO_LONG", new string('s', 121), StringComparison.Ordinal)
            .Replace("CSAT_TOO_LONG", new string('c', 501), StringComparison.Ordinal)
            .Replace("STAGE_TOO_LONG", new string('s', 65), StringComparison.Ordinal);
        using var client = ClientFor();

        using var response = await client.PostAsync("/api/webchats", Json(body));

        await AssertValidationErrorsAsync(response, key);
        using var list = await client.GetAsync("/api/webchats");
        Assert.That((await ReadJsonAsync(list)).GetProperty("data").GetArrayLength(), Is.Zero, "nothing may be written");
    }

    [Test]
    public async Task Create_reports_every_broken_rule_of_a_request_together()
    {
        using var client = ClientFor();
        using var response = await client.PostAsync("/api/webchats", Json("""
            {"name":"","primaryColor":"blue","allowedDomains":["https://ok.example","ftp://x.example","https://a.example/path"],"offsetX":900,"isEnabled":"yes","bogus":1}
            """));

        var errors = await AssertValidationErrorsAsync(response,
            "name", "primaryColor", "allowedDomains[1]", "allowedDomains[2]", "offsetX", "isEnabled", "bogus");
        Assert.That(errors.GetProperty("isEnabled")[0].GetString(), Is.EqualTo("must be a boolean"));
    }

    [Test]
    public async Task Create_with_a_prompt_of_another_organization_is_400()
    {
        await SeedReferenceDataAsync();
        using var client = ClientFor();
        using var response = await client.PostAsync("/api/webchats", Json($$"""{"name":"x","promptId":"{{PromptB}}"}"""));
        await AssertValidationErrorsAsync(response, "promptId");
    }

    [Test]
    public async Task Create_with_a_stage_outside_the_pipeline_is_400()
    {
        await SeedReferenceDataAsync();
        using var client = ClientFor();
        using var response = await client.PostAsync("/api/webchats", Json($$"""{"name":"x","pipelineId":"{{PipelineA}}","initialStage":"open"}"""));
        await AssertValidationErrorsAsync(response, "initialStage");
    }
}
