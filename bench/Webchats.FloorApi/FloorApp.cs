using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using NpgsqlTypes;

namespace Webchats.FloorApi;

/// <summary>
/// The cost floor of HTTP + database for the benchmark's requests (docs/benchmarks.md):
/// <list type="bullet">
/// <item><c>GET /api/webchats/{id}</c>: token, id check, the service's SELECT, the same JSON and ETag.</item>
/// <item><c>PUT /api/webchats/{id}</c> with any of <c>offsetX</c>, <c>offsetY</c>, <c>zIndex</c>: token,
/// JSON parse and range checks, the same SELECT, then — only when a value changes — the same
/// <c>UPDATE … SET version = version + 1 … WHERE id AND version RETURNING version</c>, whose <c>pending_change</c> the row's trigger
/// turns into the audit trail's revision (ADR 0008); retried on a write conflict as the service
/// does; the same response.</item>
/// </list>
/// Both are plain <see cref="RequestDelegate"/>s on endpoint routing: no MVC, no mediator, no EF
/// Core, no authentication middleware. Everything else (other fields, icons, If-Match) is out of
/// scope and answered with a problem, never silently ignored.
/// </summary>
public static class FloorApp
{
    public const string RoutePattern = "/api/webchats/{id}";
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxAttempts = 10;

    private const string SelectSql =
        "SELECT " + WebchatRow.SelectColumns + " FROM webchats WHERE id = $1 AND organization_id = $2 AND deleted_at IS NULL LIMIT 1";

    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText UpdatedMessage = JsonEncodedText.Encode("Webchat configuration updated");

    /// <summary>
    /// Builds the app. <paramref name="configure"/> runs before the services are added (tests use
    /// it for a test server, settings and a clock).
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        configure?.Invoke(builder);

        var connectionString = builder.Configuration.GetConnectionString("Webchats")
            ?? throw new InvalidOperationException("ConnectionStrings:Webchats is not configured.");
        builder.Services.AddSingleton(_ => CreateDataSource(connectionString));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(FloorAuth.FromConfiguration(builder.Configuration));

        var app = builder.Build();
        app.MapGet(RoutePattern, (RequestDelegate)GetAsync);
        app.MapPut(RoutePattern, (RequestDelegate)PutAsync);
        app.MapGet("/health/live", (RequestDelegate)(context => context.Response.WriteAsync("Healthy")));
        return app;
    }

    /// <summary>
    /// The best plain Npgsql set-up for this workload, unless the connection string names the
    /// setting: statements prepared once per connection (<c>Max Auto Prepare</c>), and no session
    /// reset when a connection goes back to the pool (<c>No Reset On Close</c>: the floor keeps no
    /// session state).
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 16;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return builder.Build();
    }

    private static async Task GetAsync(HttpContext context)
    {
        var services = context.RequestServices;
        if (await services.GetRequiredService<FloorAuth>().AuthenticateAsync(context, FloorAuth.ReadScope) is not { } caller
            || await RouteIdAsync(context) is not { } id)
        {
            return;
        }

        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(context.RequestAborted);
        var row = await SelectAsync(connection, caller.OrganizationId, id, context.RequestAborted);
        if (await RowIsServable(context, row))
        {
            await WriteAsync(context, row!, message: null);
        }
    }

    private static async Task PutAsync(HttpContext context)
    {
        var services = context.RequestServices;
        if (await services.GetRequiredService<FloorAuth>().AuthenticateAsync(context, FloorAuth.WriteScope) is not { } caller
            || await RouteIdAsync(context) is not { } id)
        {
            return;
        }

        if (!IsJson(context.Request.ContentType))
        {
            await Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Send application/json.");
            return;
        }

        if (context.Request.Headers.IfMatch.Count > 0)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "The floor endpoint does not implement If-Match.");
            return;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The body is larger than 64 KiB.");
            return;
        }

        var patch = await ReadPatchAsync(context);
        if (patch is null)
        {
            return;
        }

        var time = services.GetRequiredService<TimeProvider>();
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(context.RequestAborted);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var row = await SelectAsync(connection, caller.OrganizationId, id, context.RequestAborted);
            if (!await RowIsServable(context, row))
            {
                return;
            }

            if (!patch.Value.Changes(row!))
            {
                // A no-op writes nothing; updatedAt, updatedBy and the ETag stay (api.md §3).
                await WriteAsync(context, row!, UpdatedMessage);
                return;
            }

            var now = ToMilliseconds(time.GetUtcNow());
            var version = await UpdateAsync(connection, row!, patch.Value, caller.UserId, now, context.RequestAborted);
            if (version is { } stored)
            {
                patch.Value.ApplyTo(row!);
                row!.UpdatedAt = now;
                row.UpdatedBy = caller.UserId;
                row.Version = stored;
                await WriteAsync(context, row, UpdatedMessage);
                return;
            }

            // Another writer changed the row since our SELECT: read it again and re-apply.
        }

        await Problems.WriteAsync(context, StatusCodes.Status409Conflict, "The webchat kept changing; try again.");
    }

    private static async ValueTask<string?> RouteIdAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string;
        if (Ids.IsObjectId(id))
        {
            return id;
        }

        await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "id must be a 24-character lowercase hexadecimal id");
        return null;
    }

    private static async ValueTask<bool> RowIsServable(HttpContext context, WebchatRow? row)
    {
        if (row is null)
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Webchat was not found.");
            return false;
        }

        if (row.IconKey is not null)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "The floor endpoint does not sign icon URLs; benchmark rows have no icon.");
            return false;
        }

        return true;
    }

    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        return mediaType.Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<FloorPatch?> ReadPatchAsync(HttpContext context)
    {
        var body = context.Request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync(context.RequestAborted);
            if (read.Buffer.Length > MaxBodyBytes)
            {
                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The body is larger than 64 KiB.");
                return null;
            }

            if (read.IsCompleted)
            {
                var error = FloorPatch.TryParse(read.Buffer, out var patch);
                body.AdvanceTo(read.Buffer.End);
                if (error is not null)
                {
                    await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, error);
                    return null;
                }

                return patch;
            }

            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static async Task<WebchatRow?> SelectAsync(NpgsqlConnection connection, string organizationId, string id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SelectSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = organizationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? WebchatRow.Read(reader) : null;
    }

    /// <summary>The new version, or null when the row's version moved on (0 rows updated).</summary>
    private static async Task<long?> UpdateAsync(
        NpgsqlConnection connection, WebchatRow row, FloorPatch patch, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var values = patch.ChangedValues(row, out var sql, out var changes);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = value });
        }

        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.Version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = changes, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : null;
    }

    private static async Task WriteAsync(HttpContext context, WebchatRow row, JsonEncodedText? message)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.ETag = row.ETag;
        using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            if (message is { } text)
            {
                writer.WriteString(MessageName, text);
            }

            writer.WritePropertyName(DataName);
            row.WriteDocument(writer);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>The service stores times with millisecond precision (what the contract shows).</summary>
    private static DateTime ToMilliseconds(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}

/// <summary>
/// The PUT bodies the floor understands: a JSON object with any of <c>offsetX</c>, <c>offsetY</c>
/// (0–500) and <c>zIndex</c> (≥ 0), each at most once. Anything else is a 400.
/// </summary>
public readonly struct FloorPatch
{
    // The statement for each combination of changed columns (bit 0 offset_x, 1 offset_y, 2 z_index);
    // parameters: the changed values, updated_at, updated_by, id, the version read, the change (pending_change).
    private static readonly string[] UpdateSql = BuildUpdateSql();

    private readonly int? _offsetX;
    private readonly int? _offsetY;
    private readonly int? _zIndex;

    private FloorPatch(int? offsetX, int? offsetY, int? zIndex)
    {
        _offsetX = offsetX;
        _offsetY = offsetY;
        _zIndex = zIndex;
    }

    /// <summary>Null on success, else the error message.</summary>
    public static string? TryParse(ReadOnlySequence<byte> body, out FloorPatch patch)
    {
        patch = default;
        int? offsetX = null, offsetY = null, zIndex = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 2 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "The body must be a JSON object.";
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ref var target = ref offsetX;
                var max = 500;
                if (reader.ValueTextEquals("offsetX"u8))
                {
                    target = ref offsetX;
                }
                else if (reader.ValueTextEquals("offsetY"u8))
                {
                    target = ref offsetY;
                }
                else if (reader.ValueTextEquals("zIndex"u8))
                {
                    target = ref zIndex;
                    max = int.MaxValue;
                }
                else
                {
                    return $"The floor endpoint only takes offsetX, offsetY and zIndex, not '{reader.GetString()}'.";
                }

                if (target is not null)
                {
                    return "A property occurs twice.";
                }

                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value) || value < 0 || value > max)
                {
                    return $"Values must be integers from 0 to {max}.";
                }

                target = value;
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return "The body must be one JSON object.";
            }
        }
        catch (JsonException)
        {
            return "The body is not valid JSON.";
        }

        patch = new FloorPatch(offsetX, offsetY, zIndex);
        return null;
    }

    public bool Changes(WebchatRow row) => ChangedMask(row) != 0;

    /// <summary>
    /// The new values of the changed columns in SET order, the statement to run, and the row's
    /// <c>pending_change</c> (<c>{"kind","changes":[{"field","old","new"}]}</c> in document order, as the
    /// service writes it; the webchats_record_revision trigger turns it into the revision).
    /// </summary>
    public List<int> ChangedValues(WebchatRow row, out string sql, out string changes)
    {
        var mask = ChangedMask(row);
        sql = UpdateSql[mask];
        var values = new List<int>(3);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "Updated");
            writer.WriteStartArray("changes");
            Add(writer, values, mask, 1, "offsetX", row.OffsetX, _offsetX);
            Add(writer, values, mask, 2, "offsetY", row.OffsetY, _offsetY);
            Add(writer, values, mask, 4, "zIndex", row.ZIndex, _zIndex);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        changes = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        return values;

        static void Add(Utf8JsonWriter writer, List<int> values, int mask, int bit, string field, int old, int? value)
        {
            if ((mask & bit) == 0)
            {
                return;
            }

            values.Add(value!.Value);
            writer.WriteStartObject();
            writer.WriteString("field", field);
            writer.WriteNumber("old", old);
            writer.WriteNumber("new", value.Value);
            writer.WriteEndObject();
        }
    }

    public void ApplyTo(WebchatRow row)
    {
        row.OffsetX = _offsetX ?? row.OffsetX;
        row.OffsetY = _offsetY ?? row.OffsetY;
        row.ZIndex = _zIndex ?? row.ZIndex;
    }

    private int ChangedMask(WebchatRow row) =>
        (_offsetX is { } x && x != row.OffsetX ? 1 : 0)
        | (_offsetY is { } y && y != row.OffsetY ? 2 : 0)
        | (_zIndex is { } z && z != row.ZIndex ? 4 : 0);

    private static string[] BuildUpdateSql()
    {
        string[] columns = ["offset_x", "offset_y", "z_index"];
        var sql = new string[8];
        for (var mask = 1; mask < 8; mask++)
        {
            var set = new List<string>();
            for (var bit = 0; bit < columns.Length; bit++)
            {
                if ((mask & (1 << bit)) != 0)
                {
                    set.Add($"{columns[bit]} = ${set.Count + 1}");
                }
            }

            // One statement writes the row and its change, from which the row's trigger inserts the
            // audit-trail revision (webchat_revisions), as for the service: both or neither.
            var n = set.Count;
            sql[mask] =
                $"UPDATE webchats SET {string.Join(", ", set)}, updated_at = ${n + 1}, updated_by = ${n + 2}, version = version + 1, pending_change = ${n + 5} " +
                $"WHERE id = ${n + 3} AND version = ${n + 4} RETURNING version";
        }

        return sql;
    }
}
