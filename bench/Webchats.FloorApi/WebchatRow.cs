using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Webchats.FloorApi;

/// <summary>
/// One row of <c>webchats</c>, read with <see cref="SelectColumns"/> and written as the service's
/// JSON document (api.md §1): the same properties in the same order, times as ISO-8601 UTC with
/// milliseconds, and the default <see cref="Utf8JsonWriter"/> escaping the service's serializer uses.
/// </summary>
public sealed class WebchatRow
{
    /// <summary>Column list of the SELECT; the ordinals below follow it.</summary>
    public const string SelectColumns =
        "id, organization_id, user_id, created_by, updated_by, name, description, starter_message, " +
        "background_color, primary_color, secondary_color, header_text_color, status_text_color, timestamp_color, " +
        "csat_background_color, csat_text_color, icon_key, status_text, csat_thank_you_message, prompt_id, " +
        "allowed_domains, pipeline_id, pipeline_stage, initial_stage, is_autopilot, is_enabled, position, " +
        "offset_x, offset_y, z_index, created_at, updated_at, version";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("_id");
    private static readonly JsonEncodedText OrganizationIdName = JsonEncodedText.Encode("organizationId");
    private static readonly JsonEncodedText UserIdName = JsonEncodedText.Encode("userId");
    private static readonly JsonEncodedText CreatedByName = JsonEncodedText.Encode("createdBy");
    private static readonly JsonEncodedText UpdatedByName = JsonEncodedText.Encode("updatedBy");
    private static readonly JsonEncodedText NameName = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText DescriptionName = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText StarterMessageName = JsonEncodedText.Encode("starterMessage");
    private static readonly JsonEncodedText[] ColorNames =
    [
        JsonEncodedText.Encode("backgroundColor"), JsonEncodedText.Encode("primaryColor"),
        JsonEncodedText.Encode("secondaryColor"), JsonEncodedText.Encode("headerTextColor"),
        JsonEncodedText.Encode("statusTextColor"), JsonEncodedText.Encode("timestampColor"),
        JsonEncodedText.Encode("csatBackgroundColor"), JsonEncodedText.Encode("csatTextColor"),
    ];

    private static readonly JsonEncodedText IconName = JsonEncodedText.Encode("icon");
    private static readonly JsonEncodedText StatusTextName = JsonEncodedText.Encode("statusText");
    private static readonly JsonEncodedText CsatThankYouMessageName = JsonEncodedText.Encode("csatThankYouMessage");
    private static readonly JsonEncodedText PromptIdName = JsonEncodedText.Encode("promptId");
    private static readonly JsonEncodedText AllowedDomainsName = JsonEncodedText.Encode("allowedDomains");
    private static readonly JsonEncodedText PipelineIdName = JsonEncodedText.Encode("pipelineId");
    private static readonly JsonEncodedText PipelineStageName = JsonEncodedText.Encode("pipelineStage");
    private static readonly JsonEncodedText InitialStageName = JsonEncodedText.Encode("initialStage");
    private static readonly JsonEncodedText IsAutopilotName = JsonEncodedText.Encode("isAutopilot");
    private static readonly JsonEncodedText IsEnabledName = JsonEncodedText.Encode("isEnabled");
    private static readonly JsonEncodedText PositionName = JsonEncodedText.Encode("position");
    private static readonly JsonEncodedText OffsetXName = JsonEncodedText.Encode("offsetX");
    private static readonly JsonEncodedText OffsetYName = JsonEncodedText.Encode("offsetY");
    private static readonly JsonEncodedText ZIndexName = JsonEncodedText.Encode("zIndex");
    private static readonly JsonEncodedText CreatedAtName = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText UpdatedAtName = JsonEncodedText.Encode("updatedAt");

    private readonly string?[] _colors = new string?[8];

    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    public required string UserId { get; init; }
    public required string CreatedBy { get; init; }
    public required string UpdatedBy { get; set; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? StarterMessage { get; init; }
    public string? IconKey { get; init; }
    public string? StatusText { get; init; }
    public string? CsatThankYouMessage { get; init; }
    public string? PromptId { get; init; }

    /// <summary>The stored <c>jsonb</c> array, as PostgreSQL prints it.</summary>
    public required string AllowedDomainsJson { get; init; }

    public string? PipelineId { get; init; }
    public string? PipelineStage { get; init; }
    public string? InitialStage { get; init; }
    public bool IsAutopilot { get; init; }
    public bool IsEnabled { get; init; }
    public required string Position { get; init; }
    public int OffsetX { get; set; }
    public int OffsetY { get; set; }
    public int ZIndex { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>The strong entity tag of the stored version, as the service makes it.</summary>
    public string ETag => "\"" + Version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static WebchatRow Read(NpgsqlDataReader reader)
    {
        var row = new WebchatRow
        {
            Id = reader.GetString(0),
            OrganizationId = reader.GetString(1),
            UserId = reader.GetString(2),
            CreatedBy = reader.GetString(3),
            UpdatedBy = reader.GetString(4),
            Name = reader.GetString(5),
            Description = NullableString(reader, 6),
            StarterMessage = NullableString(reader, 7),
            IconKey = NullableString(reader, 16),
            StatusText = NullableString(reader, 17),
            CsatThankYouMessage = NullableString(reader, 18),
            PromptId = NullableString(reader, 19),
            AllowedDomainsJson = reader.GetString(20),
            PipelineId = NullableString(reader, 21),
            PipelineStage = NullableString(reader, 22),
            InitialStage = NullableString(reader, 23),
            IsAutopilot = reader.GetBoolean(24),
            IsEnabled = reader.GetBoolean(25),
            Position = reader.GetString(26),
            OffsetX = reader.GetInt32(27),
            OffsetY = reader.GetInt32(28),
            ZIndex = reader.GetInt32(29),
            CreatedAt = reader.GetFieldValue<DateTime>(30),
            UpdatedAt = reader.GetFieldValue<DateTime>(31),
            Version = reader.GetInt64(32),
        };
        for (var i = 0; i < row._colors.Length; i++)
        {
            row._colors[i] = reader.GetString(8 + i);
        }

        return row;
    }

    /// <summary>Writes the document (the value of <c>data</c>).</summary>
    public void WriteDocument(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString(IdName, Id);
        writer.WriteString(OrganizationIdName, OrganizationId);
        writer.WriteString(UserIdName, UserId);
        writer.WriteString(CreatedByName, CreatedBy);
        writer.WriteString(UpdatedByName, UpdatedBy);
        writer.WriteString(NameName, Name);
        writer.WriteString(DescriptionName, Description);
        writer.WriteString(StarterMessageName, StarterMessage);
        for (var i = 0; i < ColorNames.Length; i++)
        {
            writer.WriteString(ColorNames[i], _colors[i]);
        }

        // Signing icon URLs is not part of the floor: benchmark rows have no icon (see FloorApp).
        writer.WriteNull(IconName);
        writer.WriteString(StatusTextName, StatusText);
        writer.WriteString(CsatThankYouMessageName, CsatThankYouMessage);
        writer.WriteString(PromptIdName, PromptId);
        writer.WritePropertyName(AllowedDomainsName);
        WriteStringArray(writer, AllowedDomainsJson);
        writer.WriteString(PipelineIdName, PipelineId);
        writer.WriteString(PipelineStageName, PipelineStage);
        writer.WriteString(InitialStageName, InitialStage);
        writer.WriteBoolean(IsAutopilotName, IsAutopilot);
        writer.WriteBoolean(IsEnabledName, IsEnabled);
        writer.WriteString(PositionName, Position);
        writer.WriteNumber(OffsetXName, OffsetX);
        writer.WriteNumber(OffsetYName, OffsetY);
        writer.WriteNumber(ZIndexName, ZIndex);
        WriteTime(writer, CreatedAtName, CreatedAt);
        WriteTime(writer, UpdatedAtName, UpdatedAt);
        writer.WriteEndObject();
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static void WriteTime(Utf8JsonWriter writer, JsonEncodedText name, DateTime value)
    {
        Span<char> buffer = stackalloc char[24];
        value.TryFormat(buffer, out var written, TimeFormat, CultureInfo.InvariantCulture);
        writer.WriteString(name, buffer[..written]);
    }

    /// <summary>
    /// Re-writes the stored jsonb array string by string, so the bytes equal what a serializer
    /// writes for a string list (PostgreSQL prints <c>", "</c> between elements and escapes differently).
    /// </summary>
    private static void WriteStringArray(Utf8JsonWriter writer, string json)
    {
        var length = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        var bytes = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var reader = new Utf8JsonReader(bytes[..Encoding.UTF8.GetBytes(json, bytes)]);
            Span<char> chars = stackalloc char[512];
            writer.WriteStartArray();
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    continue;
                }

                if (reader.ValueSpan.Length <= chars.Length)
                {
                    writer.WriteStringValue(chars[..reader.CopyString(chars)]);
                }
                else
                {
                    writer.WriteStringValue(reader.GetString());
                }
            }

            writer.WriteEndArray();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
