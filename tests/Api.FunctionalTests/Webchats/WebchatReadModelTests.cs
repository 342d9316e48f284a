using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Webchats.Common;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>
/// The query side reads rows with plain SQL (ADR 0007): for the same stored rows it must show
/// exactly what loading the aggregate and mapping it shows, field by field, ETag included.
/// </summary>
public sealed class WebchatReadModelTests : FunctionalTest
{
    private string _full = null!;
    private string _minimal = null!;
    private string _deleted = null!;

    [SetUp]
    public async Task StoreWebchatsAsync()
    {
        await SeedReferenceDataAsync();
        using var client = ClientFor();
        _minimal = (await CreateWebchatAsync(client, """{"name":"Minimal"}""")).GetProperty("_id").GetString()!;
        TestEnvironment.Clock.Advance(TimeSpan.FromMilliseconds(1.5));
        _full = (await CreateWebchatAsync(client, $$"""
            {
              "name": "Support ☕ \"quoted\" <b>", "description": "Line one", "starterMessage": "Hi! Looking for help today?",
              "backgroundColor": "#abc", "primaryColor": "#112233", "secondaryColor": "#aabbccdd",
              "headerTextColor": "#fff", "statusTextColor": "#000", "timestampColor": "#123456",
              "csatBackgroundColor": "#FEDCBA", "csatTextColor": "#0a0B0c",
              "statusText": "We reply in minutes", "csatThankYouMessage": "Thanks!",
              "promptId": "{{PromptA}}", "allowedDomains": ["https://bücher.example", "https://*.example.com", "http://localhost:3000"],
              "pipelineId": "{{PipelineA}}", "pipelineStage": "qualified", "initialStage": "new",
              "isAutopilot": true, "isEnabled": false, "position": "bottom-left", "offsetX": 0, "offsetY": 500, "zIndex": 2147483647
            }
            """)).GetProperty("_id").GetString()!;
        var key = $"orgs/{OrgA}/webchats/{_full}/icon-0123abcd.png";
        await TestEnvironment.Factory.Services.GetRequiredService<IIconStorage>()
            .PutAsync(key, new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png", CancellationToken.None);
        using var setIcon = await client.PutAsync($"/api/webchats/{_full}", Json($$"""{"icon":"{{key}}"}"""));
        Assert.That(setIcon.StatusCode, Is.EqualTo(HttpStatusCode.OK), await setIcon.Content.ReadAsStringAsync());

        _deleted = (await CreateWebchatAsync(client, """{"name":"Deleted"}""")).GetProperty("_id").GetString()!;
        using var delete = await client.DeleteAsync($"/api/webchats/{_deleted}");
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task A_webchat_reads_as_its_aggregate_maps_with_every_field_set_or_empty()
    {
        foreach (var id in new[] { _full, _minimal })
        {
            var fromAggregate = await FromAggregateAsync(id);
            var fromReadModel = await ReadModel().FindAsync(OrgA, id, CancellationToken.None);

            Assert.That(fromReadModel, Is.Not.Null);
            Assert.Multiple(() =>
            {
                Assert.That(Serialized(fromReadModel!.Webchat), Is.EqualTo(Serialized(fromAggregate.Webchat)));
                Assert.That(fromReadModel.Version, Is.EqualTo(fromAggregate.Version));
            });
        }

        Assert.That((await FromAggregateAsync(_full)).Webchat.Icon, Is.Not.Null, "the full row has an icon to sign");
    }

    [Test]
    public async Task A_list_reads_each_row_as_its_aggregate_maps_newest_first()
    {
        var page = await ReadModel().ListAsync(OrgA, null, 10, CancellationToken.None);

        Assert.That(page.Select(webchat => webchat.Id), Is.EqualTo(new[] { _full, _minimal }), "live rows only, newest first");
        Assert.That(page.Select(Serialized), Is.EqualTo(new[]
        {
            Serialized((await FromAggregateAsync(_full)).Webchat), Serialized((await FromAggregateAsync(_minimal)).Webchat),
        }));
    }

    [Test]
    public async Task A_page_after_a_position_holds_only_older_rows()
    {
        var first = await ReadModel().ListAsync(OrgA, null, 1, CancellationToken.None);
        var rest = await ReadModel().ListAsync(OrgA, new WebchatListPosition(first[0].CreatedAt, first[0].Id), 10, CancellationToken.None);

        Assert.That(first.Select(webchat => webchat.Id), Is.EqualTo(new[] { _full }));
        Assert.That(rest.Select(webchat => webchat.Id), Is.EqualTo(new[] { _minimal }));
    }

    [Test]
    public async Task Deleted_rows_and_other_organizations_are_not_read()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await ReadModel().FindAsync(OrgA, _deleted, CancellationToken.None), Is.Null);
            Assert.That(await ReadModel().FindAsync(OrgB, _full, CancellationToken.None), Is.Null);
            Assert.That(await ReadModel().ListAsync(OrgB, null, 10, CancellationToken.None), Is.Empty);
        });
    }

    private static IWebchatReadModel ReadModel() => TestEnvironment.Factory.Services.GetRequiredService<IWebchatReadModel>();

    private static async Task<WebchatResult> FromAggregateAsync(string id)
    {
        await using var scope = TestEnvironment.Factory.Services.CreateAsyncScope();
        var webchat = await scope.ServiceProvider.GetRequiredService<IWebchatRepository>().FindForUpdateAsync(OrgA, id, CancellationToken.None);
        Assert.That(webchat, Is.Not.Null, id);
        return webchat!.ToResult(scope.ServiceProvider.GetRequiredService<IIconStorage>());
    }

    // The API's own serializer settings: what a response would carry.
    private static string Serialized(WebchatDto webchat) => JsonSerializer.Serialize(
        webchat, TestEnvironment.Factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions);
}
