using System.Text.Json;
using Webchats.Api.Startup;
using Webchats.Application.Webchats.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Application.UnitTests.Api;

/// <summary>Reading a webchat body: every field through its declaration, every error at once.</summary>
public sealed class WebchatPatchJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        MvcSetup.ConfigureJson(options);
        return options;
    }

    private static WebchatPatch Read(string json) => JsonSerializer.Deserialize<WebchatPatch>(json, Options)!;

    [Test]
    public void An_empty_object_sets_nothing()
    {
        var patch = Read("{}");
        Assert.That((patch.Values.Count, patch.ReadOnly.Count, patch.Errors.Count), Is.EqualTo((0, 0, 0)));
    }

    [Test]
    public void Present_values_are_parsed_by_their_fields_and_absent_ones_are_not_there()
    {
        var patch = Read("""{"name":"  New  ","primaryColor":"#abc","description":null,"allowedDomains":["https://A.example/"],"offsetX":-0,"isEnabled":false}""");

        Assert.That(patch.Errors, Is.Empty);
        Assert.That(patch.Values.ToDictionary(pair => pair.Key.Name, pair => WebchatField.ToRaw(pair.Value)), Is.EqualTo(new Dictionary<string, object?>
        {
            ["name"] = "New",
            ["primaryColor"] = "#AABBCC",
            ["description"] = null,
            ["allowedDomains"] = new[] { "https://a.example" },
            ["offsetX"] = 0,
            ["isEnabled"] = false,
        }));
    }

    [Test]
    public void Every_error_of_a_body_is_reported_together_keyed_by_field()
    {
        var patch = Read("""{"name":null,"isEnabled":"yes","offsetX":24.5,"allowedDomains":["https://ok.example","http://bad.example"],"isEnable":true,"zIndex":1,"zIndex":2,"_id":5}""");

        Assert.That(patch.Errors.Select(e => e.Path), Is.EquivalentTo(new[] { "name", "isEnabled", "offsetX", "allowedDomains[1]", "isEnable", "zIndex", "_id" }));
        Assert.That(patch.Errors.Single(e => e.Path == "isEnabled").Message, Is.EqualTo("must be a boolean"));
        Assert.That(patch.Errors.Single(e => e.Path == "offsetX").Message, Is.EqualTo("must be an integer between 0 and 500"));
        Assert.That(patch.Errors.Single(e => e.Path == "isEnable").Message, Is.EqualTo("is not a known property"));
        Assert.That(patch.Errors.Single(e => e.Path == "zIndex").Message, Is.EqualTo("is a duplicate property"));
        Assert.That(patch.Errors.Single(e => e.Path == "_id").Message, Is.EqualTo("must be a string"));
    }

    [Test]
    public void Read_only_fields_are_kept_as_sent_for_the_comparison_with_the_stored_webchat()
    {
        var patch = Read("""{"_id":"67d3a0b0c0d0e0f0a0b0c0d0","createdAt":null}""");

        Assert.That(patch.ReadOnly, Is.EqualTo(new Dictionary<string, string?> { ["_id"] = "67d3a0b0c0d0e0f0a0b0c0d0", ["createdAt"] = null }));
        Assert.That(patch.Values, Is.Empty);
    }

    [TestCase("""{"allowedDomains":[1,"https://a.example"]}""", "allowedDomains", "must be an array of strings")]
    [TestCase("""{"description":{"a":1,"a":2}}""", "description", "must be a string or null")]
    [TestCase("""{"zIndex":2147483648}""", "zIndex", "must be an integer between 0 and 2147483647")]
    public void A_value_of_the_wrong_json_type_is_skipped_whole_and_reported(string json, string path, string message)
    {
        var patch = Read(json);
        Assert.That(patch.Errors.Select(e => (e.Path, e.Message)), Is.EqualTo(new[] { (path, message) }));
    }
}
