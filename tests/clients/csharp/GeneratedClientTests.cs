using System.Net.Http.Headers;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using Kiota = Webchats.Clients.Kiota;
using NSwag = Webchats.Clients.NSwag;

namespace Webchats.ClientTests;

/// <summary>
/// The clients Kiota (with <c>--backing-store</c>) and NSwag generate from the service's own
/// document, driven against the running service (scripts/client-tests.sh starts it on real
/// PostgreSQL and passes its address and a token).
/// </summary>
public sealed class GeneratedClientTests
{
    private static readonly string BaseUrl = Environment.GetEnvironmentVariable("WEBCHATS_BASE_URL")
        ?? throw new InvalidOperationException("WEBCHATS_BASE_URL is not set: run scripts/client-tests.sh");

    private static readonly string Token = Environment.GetEnvironmentVariable("WEBCHATS_TOKEN")
        ?? throw new InvalidOperationException("WEBCHATS_TOKEN is not set: run scripts/client-tests.sh");

    private HttpClient _http = null!;
    private Kiota.WebchatsClient _kiota = null!;

    [SetUp]
    public void CreateClients()
    {
        // Kiota's own handler chain (headers inspection included), with the token on every request.
        _http = KiotaClientFactory.Create();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        _kiota = new Kiota.WebchatsClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: _http) { BaseUrl = BaseUrl });
    }

    [TearDown]
    public void DisposeClients() => _http.Dispose();

    private async Task<Kiota.Models.Webchat> CreateAsync(string name)
    {
        var created = await _kiota.Api.Webchats.PostAsync(new Kiota.Models.WebchatCreate { Name = name, Description = "Before", OffsetX = 40, IsEnabled = false });
        return created!.Data!;
    }

    [Test]
    public async Task Kiota_creates_a_webchat_with_its_defaults()
    {
        var webchat = await CreateAsync("Kiota create");
        Assert.Multiple(() =>
        {
            Assert.That(webchat.Id, Has.Length.EqualTo(24));
            Assert.That(webchat.Name, Is.EqualTo("Kiota create"));
            Assert.That(webchat.PrimaryColor, Is.EqualTo("#1F2937"));
            Assert.That(webchat.Position, Is.EqualTo(Kiota.Models.Webchat_position.BottomRight));
            Assert.That(webchat.CreatedAt, Is.Not.Null);
        });
    }

    [Test]
    public async Task Kiota_sends_only_the_fields_it_set()
    {
        var before = await CreateAsync("Kiota patch");

        // The reference page's PUT: three fields, every other one stays as it was.
        var updated = await _kiota.Api.Webchats[before.Id].PutAsync(new Kiota.Models.WebchatUpdate
        {
            StarterMessage = "Hi! Looking for help today?",
            IsEnabled = true,
            AllowedDomains = ["https://example.com", "https://help.example.com"],
        });
        var after = updated!.Data!;
        Assert.Multiple(() =>
        {
            Assert.That(after.StarterMessage, Is.EqualTo("Hi! Looking for help today?"));
            Assert.That(after.IsEnabled, Is.True);
            Assert.That(after.AllowedDomains, Is.EqualTo(new[] { "https://example.com", "https://help.example.com" }));
            Assert.That(after.Description, Is.EqualTo(before.Description));
            Assert.That(after.OffsetX, Is.EqualTo(40));
            Assert.That(after.OffsetY, Is.EqualTo(before.OffsetY));
            Assert.That(after.ZIndex, Is.EqualTo(before.ZIndex));
            Assert.That(after.Position, Is.EqualTo(before.Position));
            Assert.That(after.PrimaryColor, Is.EqualTo(before.PrimaryColor));
            Assert.That(after.Name, Is.EqualTo(before.Name));
        });
    }

    [Test]
    public async Task Kiota_sends_an_explicit_null_that_clears_a_field()
    {
        var before = await CreateAsync("Kiota clear");
        var update = new Kiota.Models.WebchatUpdate { Description = null };
        var after = (await _kiota.Api.Webchats[before.Id].PutAsync(update))!.Data!;
        Assert.Multiple(() =>
        {
            Assert.That(before.Description, Is.EqualTo("Before"));
            Assert.That(after.Description, Is.Null);
            Assert.That(after.OffsetX, Is.EqualTo(40));
        });
    }

    [Test]
    public async Task Kiota_gets_a_typed_validation_problem()
    {
        var before = await CreateAsync("Kiota invalid");
        var problem = Assert.ThrowsAsync<Kiota.Models.ValidationProblem>(async () =>
            await _kiota.Api.Webchats[before.Id].PutAsync(new Kiota.Models.WebchatUpdate { PrimaryColor = "blue", OffsetX = 501 }));
        Assert.Multiple(() =>
        {
            Assert.That(problem!.ResponseStatusCode, Is.EqualTo(400));
            Assert.That(problem.Status, Is.EqualTo(400));
            Assert.That(problem.TraceId, Is.Not.Empty);
            Assert.That(problem.Errors!.AdditionalData.Keys, Is.EquivalentTo(new[] { "primaryColor", "offsetX" }));
        });
    }

    [Test]
    public void Kiota_gets_a_typed_404()
    {
        var problem = Assert.ThrowsAsync<Kiota.Models.Problem>(async () => await _kiota.Api.Webchats["000000000000000000000000"].GetAsync());
        Assert.Multiple(() =>
        {
            Assert.That(problem!.ResponseStatusCode, Is.EqualTo(404));
            Assert.That(problem.Status, Is.EqualTo(404));
            Assert.That(problem.Detail, Is.Not.Empty);
        });
    }

    [Test]
    public async Task Kiota_reads_the_etag_and_a_stale_if_match_is_412()
    {
        var webchat = await CreateAsync("Kiota etag");
        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        await _kiota.Api.Webchats[webchat.Id].GetAsync(config => config.Options.Add(headers));
        var etag = headers.ResponseHeaders["ETag"].Single();

        await _kiota.Api.Webchats[webchat.Id].PutAsync(new Kiota.Models.WebchatUpdate { Name = "Changed" }, config => config.Headers.Add("If-Match", etag));
        var stale = Assert.ThrowsAsync<Kiota.Models.Problem>(async () =>
            await _kiota.Api.Webchats[webchat.Id].PutAsync(new Kiota.Models.WebchatUpdate { Name = "Lost" }, config => config.Headers.Add("If-Match", etag)));
        var stored = (await _kiota.Api.Webchats[webchat.Id].GetAsync())!.Data!;
        Assert.Multiple(() =>
        {
            Assert.That(stale!.ResponseStatusCode, Is.EqualTo(412));
            Assert.That(stored.Name, Is.EqualTo("Changed"));
        });
    }

    [Test]
    public async Task NSwag_sends_only_the_fields_it_set()
    {
        var before = await CreateAsync("NSwag patch");
        var nswag = new NSwag.WebchatsClient(_http) { BaseUrl = BaseUrl };
        var after = (await nswag.UpdateWebchatAsync(before.Id!, if_Match: null, new NSwag.WebchatUpdate
        {
            StarterMessage = "Hi! Looking for help today?",
            IsEnabled = true,
            AllowedDomains = ["https://example.com", "https://help.example.com"],
        })).Data;
        var missing = Assert.ThrowsAsync<NSwag.ApiException<NSwag.Problem>>(async () => await nswag.GetWebchatAsync("000000000000000000000000", if_None_Match: null));
        Assert.Multiple(() =>
        {
            Assert.That(after.StarterMessage, Is.EqualTo("Hi! Looking for help today?"));
            Assert.That(after.IsEnabled, Is.True);
            Assert.That(after.Description, Is.EqualTo("Before"));
            Assert.That(after.OffsetX, Is.EqualTo(40));
            Assert.That(after.PrimaryColor, Is.EqualTo(before.PrimaryColor));
            Assert.That(missing!.StatusCode, Is.EqualTo(404));
        });
    }
}
