using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Webchats.Api.FunctionalTests.Infrastructure;

/// <summary>
/// The API on a real Kestrel socket on 127.0.0.1 (a free port), on the run's PostgreSQL and clock,
/// for tests of what only a real HTTP/1.1 parser sees: chunk framing, a Content-Length that lies, a
/// body cut short. Its log lines are its own (<see cref="Logs"/>). The in-memory TestServer hands the
/// app a body stream without any of that framing, so it cannot show these.
/// </summary>
public sealed class KestrelApi : IAsyncDisposable
{
    private readonly WebchatsApiFactory _factory;

    private KestrelApi(WebchatsApiFactory factory, CapturedLogs logs, IPEndPoint endPoint)
    {
        _factory = factory;
        Logs = logs;
        EndPoint = endPoint;
    }

    public CapturedLogs Logs { get; }

    public IPEndPoint EndPoint { get; }

    public static KestrelApi Start()
    {
        var logs = new CapturedLogs();
        var factory = new WebchatsApiFactory(TestEnvironment.Postgres.ConnectionString, TestEnvironment.DataDirectory, TestEnvironment.Clock, logs);
        factory.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);

            // Kestrel's rate as configured, with a grace period of 2 s instead of 5 s: a body cut
            // short times out that much sooner.
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2));
        });
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var uri = new Uri(address);
        return new KestrelApi(factory, logs, new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port));
    }

    /// <summary>
    /// Sends <paramref name="request"/> as it is on a new connection and returns the first response
    /// on it, read as soon as it is complete. The connection stays open meanwhile, as a slow or
    /// lying client's would: a body cut short ends only by the server's body timeout.
    /// </summary>
    public async Task<RawResponse> SendAsync(byte[] request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(EndPoint, timeout.Token);
        await socket.SendAsync(request, SocketFlags.None, timeout.Token);

        using var received = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            received.Write(buffer, 0, read);
            if (RawResponse.TryParse(received.ToArray()) is { } response)
            {
                return response;
            }

            if (read == 0)
            {
                throw new InvalidOperationException($"The server closed the connection without a complete response: '{Encoding.UTF8.GetString(received.ToArray())}'");
            }
        }
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}

/// <summary>The first HTTP/1.1 response of a connection, parsed from its bytes (Content-Length or chunked body).</summary>
public sealed record RawResponse(string StatusLine, int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");

    /// <summary>The response, or <c>null</c> while its bytes are incomplete.</summary>
    public static RawResponse? TryParse(byte[] bytes)
    {
        var headEnd = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return null;
        }

        var lines = Encoding.ASCII.GetString(bytes, 0, headEnd).Split("\r\n");
        var headers = lines.Skip(1).Select(line => line.Split(':', 2))
            .ToDictionary(pair => pair[0].Trim().ToLowerInvariant(), pair => pair[1].Trim(), StringComparer.Ordinal);
        var rest = bytes.AsSpan(headEnd + 4);
        byte[]? body = [];
        if (headers.TryGetValue("content-length", out var length))
        {
            var size = int.Parse(length, CultureInfo.InvariantCulture);
            body = rest.Length < size ? null : rest[..size].ToArray();
        }
        else if (headers.GetValueOrDefault("transfer-encoding") == "chunked")
        {
            body = Dechunk(rest);
        }

        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        return body is null ? null : new RawResponse(lines[0], status, headers, Encoding.UTF8.GetString(body));
    }

    /// <summary>The chunked body decoded, or <c>null</c> before its last chunk.</summary>
    private static byte[]? Dechunk(ReadOnlySpan<byte> chunked)
    {
        using var body = new MemoryStream();
        while (chunked.IndexOf("\r\n"u8) is var lineEnd and >= 0)
        {
            var size = int.Parse(Encoding.ASCII.GetString(chunked[..lineEnd]), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return body.ToArray();
            }

            if (chunked.Length < lineEnd + 2 + size + 2)
            {
                return null;
            }

            body.Write(chunked.Slice(lineEnd + 2, size));
            chunked = chunked[(lineEnd + 2 + size + 2)..];
        }

        return null;
    }
}
