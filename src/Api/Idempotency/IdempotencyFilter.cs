using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Webchats.Api.Auth;
using Webchats.Api.Errors;
using Webchats.Infrastructure.Idempotency;

namespace Webchats.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> for creates that integrations retry: the first request with a key runs
/// and its response is stored for 24 h; a retry with the same key and the same request gets that
/// response again (same id, header <c>Idempotent-Replayed: true</c>) and creates nothing; the same
/// key with a different request is 422; a retry while the first is still running is 409. Keys are
/// per organization. Responses of 5xx and of errors raised as exceptions are not stored, so such a
/// request can simply be retried.
/// </summary>
public sealed partial class IdempotencyFilter(
    IdempotencyStore store, TimeProvider time, ILogger<IdempotencyFilter> logger)
    : IAsyncResourceFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next();
            return;
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            context.Result = Problems.Result(http, StatusCodes.Status400BadRequest,
                $"{HeaderName} must be one value of 1 to {MaxKeyLength} visible ASCII characters.");
            return;
        }

        var organizationId = http.User.ToCaller().OrganizationId;
        var fingerprint = await FingerprintAsync(http.Request);
        var begin = await store.BeginAsync(organizationId, key, fingerprint, time.GetUtcNow(), http.RequestAborted);
        switch (begin.Outcome)
        {
            case IdempotencyOutcome.Replay:
                context.Result = new StoredResponseResult(begin.Response!);
                return;
            case IdempotencyOutcome.FingerprintMismatch:
                context.Result = Problems.Result(http, StatusCodes.Status422UnprocessableEntity,
                    $"This {HeaderName} was already used with a different request; use a new key for a new request.");
                return;
            case IdempotencyOutcome.InProgress:
                http.Response.Headers.RetryAfter = "1";
                context.Result = Problems.Result(http, StatusCodes.Status409Conflict,
                    $"A request with this {HeaderName} is still being processed; retry shortly.");
                return;
            case IdempotencyOutcome.Started:
            default:
                await RunAndStoreAsync(http, organizationId, key, next);
                return;
        }
    }

    private async Task RunAndStoreAsync(HttpContext http, string organizationId, string key, ResourceExecutionDelegate next)
    {
        // The response goes to a buffer first and is sent from there, then stored: a create's body
        // is small, and the JSON writer holds all of it until the end anyway.
        var original = http.Response.Body;
        await using var captured = new MemoryStream();
        http.Response.Body = captured;
        var stored = false;
        try
        {
            var executed = await next();
            http.Response.Body = original;
            if (captured.Length > 0)
            {
                // Only a body starts the response: after an exception the error handler still writes its own.
                await original.WriteAsync(captured.GetBuffer().AsMemory(0, (int)captured.Length), http.RequestAborted);
            }

            var status = http.Response.StatusCode;
            if (executed.Exception is null && status < StatusCodes.Status500InternalServerError)
            {
                await store.CompleteAsync(organizationId, key, new StoredResponse(
                    status,
                    http.Response.ContentType,
                    captured.ToArray(),
                    NullIfEmpty(http.Response.Headers.Location.ToString()),
                    NullIfEmpty(http.Response.Headers.ETag.ToString())), CancellationToken.None);
                stored = true;
            }
        }
        finally
        {
            http.Response.Body = original;
            if (!stored)
            {
                // Nothing worth replaying: free the key so the client's retry runs the request again.
                LogReleased();
                await store.AbandonAsync(organizationId, key, CancellationToken.None);
            }
        }
    }

    /// <summary>What makes two requests "the same": method, path and the exact body bytes.</summary>
    private static async Task<byte[]> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Idempotency key released: the request did not end with a storable response")]
    private partial void LogReleased();

    private sealed class StoredResponseResult(StoredResponse response) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext.Response;
            http.StatusCode = response.StatusCode;
            http.ContentType = response.ContentType;
            http.Headers[ReplayedHeaderName] = "true";
            if (response.Location is not null)
            {
                http.Headers.Location = response.Location;
            }

            if (response.ETag is not null)
            {
                http.Headers.ETag = response.ETag;
            }

            await http.Body.WriteAsync(response.Body, context.HttpContext.RequestAborted);
        }
    }
}
