using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Webchats.Api.Auth;
using Webchats.Api.Errors;
using Microsoft.AspNetCore.Http.Timeouts;
using Webchats.Api.OpenApi;
using Webchats.Api.PublicConfiguration;
using Webchats.Api.RateLimiting;
using Webchats.Api.Startup;
using Webchats.Application;
using Webchats.Application.ApiTokens.Common;
using Webchats.Application.Common.Behaviors;
using Webchats.Application.Webchats.Commands.CreateWebchat;
using Webchats.Infrastructure;

// ICU is on for IDN mapping (ADR 0008); the contract's texts and numbers must not follow the
// host's LANG, so every thread formats and validates in the invariant culture.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

var builder = WebApplication.CreateBuilder(args);

if (args is ["token", ..])
{
    // `make token`: print a dev JWT signed with the configured key, then exit.
    var auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
    return DevTokens.RunCommand(args, auth, TimeProvider.System, Console.Out);
}

builder.WebHost.ConfigureKestrel(kestrel =>
{
    // JSON bodies are capped at 64 KiB by the formatter; this outer cap leaves room for icon uploads.
    kestrel.Limits.MaxRequestBodySize = 2 * 1024 * 1024;
    kestrel.AddServerHeader = false;
});

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApplicationServices();
builder.Services.AddInfrastructureServices(builder.Configuration);
builder.Services.AddMediator((MediatorOptions options) =>
{
    options.Assemblies = [typeof(CreateWebchatCommand)];
    // Transient, not Scoped: handlers still get the request's scoped DbContext and repositories,
    // but the mediator, handlers and behaviours (stateless, each resolved once per request) stay
    // out of the scope's cache, which otherwise grows and rehashes on every request.
    options.ServiceLifetime = ServiceLifetime.Transient;
    options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(ConcurrencyRetryBehavior<,>)];
});

builder.Services.AddWebchatsAuthentication(builder.Configuration);
builder.Services.AddSingleton((builder.Configuration.GetSection(ApiTokenLimits.SectionName).Get<ApiTokenLimits>() ?? new ApiTokenLimits()).Validated());
builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.SectionName));
builder.Services.AddSingleton<RateLimitCounter>();
builder.Services.AddHostedService<RateLimitSyncService>();
builder.Services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
{
    // A request that cannot finish in this time gets a 504 problem instead of holding a connection.
    Timeout = TimeSpan.FromSeconds(15),
    TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
});
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.FillDetail);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddWebchatsMvc();
builder.Services.AddWebchatsCors(builder.Configuration);
builder.Services.AddWebchatsHostFiltering(builder.Configuration, builder.Environment);
builder.Services.AddWebchatsForwardedHeaders(builder.Configuration);
builder.Services.AddWebchatsOpenApi();
builder.Services.AddPublicWebchatCache(builder.Configuration);
builder.Services.AddHealthChecks().AddNpgSql(tags: ["ready"]);
var app = builder.Build();

app.UseWebchatsForwardedHeaders(app.Configuration);
app.UseSecurityHeaders();
app.UseResponseConventions();
app.UseRequestLogging();
app.UseExceptionHandler();
app.UseRequestBodyReadErrors();
app.UseStatusCodePages();
app.UseAdminPage();
app.UseCors();
app.UseRequestTimeouts();
app.UseAuthentication();
app.UseMiddleware<RateLimitingMiddleware>();
app.UseAuthorization();

app.MapControllers();
if (OpenApiSetup.IsEnabled(app.Configuration, app.Environment))
{
    app.MapOpenApi().AllowAnonymous();
    app.MapWebchatsDocsUi();
}
// Browsers ask for it on every page of this origin (the admin page); it is not an API resource.
app.MapMethods("/favicon.ico", [HttpMethods.Get, HttpMethods.Head], () => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "This service has no favicon.")).AllowAnonymous().ExcludeFromDescription();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();

await app.PrepareDatabaseAsync();
DevBanner.PrintWhenStarted(app);
await app.RunAsync();
return 0;
