using System.Data;
using System.Text.Json;
using Npgsql;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Webchats.Common;

namespace Webchats.Infrastructure.Persistence.ReadModels;

/// <summary>
/// Reads webchat rows with plain Npgsql into the API's DTOs (ADR 0007): one prepared statement
/// and one pass over the row, with no DbContext, change tracker or aggregate in between. The
/// columns are those of <see cref="Configurations.WebchatConfiguration"/>; the functional tests
/// check that this reads every field as loading the aggregate and mapping it does.
/// </summary>
internal sealed class WebchatReadModel(NpgsqlDataSource dataSource, IIconStorage icons) : IWebchatReadModel
{
    // In the order of WebchatDto's parameters; the row version comes last.
    private const string Columns =
        "id, organization_id, user_id, created_by, updated_by, name, description, starter_message, " +
        "background_color, primary_color, secondary_color, header_text_color, status_text_color, timestamp_color, " +
        "csat_background_color, csat_text_color, icon_key, status_text, csat_thank_you_message, prompt_id, " +
        "allowed_domains, pipeline_id, pipeline_stage, initial_stage, is_autopilot, is_enabled, position, " +
        "offset_x, offset_y, z_index, created_at, updated_at, xmin";

    private const int VersionOrdinal = 32;

    private const string FindSql =
        $"SELECT {Columns} FROM webchats WHERE id = $1 AND organization_id = $2 AND deleted_at IS NULL";

    // Newest first by (created_at, id): the order of the ix_webchats_organization_created index. The
    // row comparison is an index condition, so a deep page starts where the cursor points instead of
    // filtering every newer row.
    private const string FirstPageSql =
        $"SELECT {Columns} FROM webchats WHERE organization_id = $1 AND deleted_at IS NULL " +
        "ORDER BY created_at DESC, id DESC LIMIT $2";

    private const string NextPageSql =
        $"SELECT {Columns} FROM webchats WHERE organization_id = $1 AND deleted_at IS NULL " +
        "AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT $4";

    public async Task<WebchatResult?> FindAsync(string organizationId, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FindSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = organizationId });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new WebchatResult(ReadDto(reader), WebchatMapper.ETagOf(reader.GetFieldValue<uint>(VersionOrdinal)))
            : null;
    }

    public async Task<IReadOnlyList<WebchatDto>> ListAsync(
        string organizationId, WebchatListPosition? after, int take, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(after is null ? FirstPageSql : NextPageSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = organizationId });
        if (after is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = after.CreatedAt });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after.Id });
        }

        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<WebchatDto>(take);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadDto(reader));
        }

        return rows;
    }

    private WebchatDto ReadDto(NpgsqlDataReader row) => new(
        Id: row.GetString(0),
        OrganizationId: row.GetString(1),
        UserId: row.GetString(2),
        CreatedBy: row.GetString(3),
        UpdatedBy: row.GetString(4),
        Name: row.GetString(5),
        Description: NullableString(row, 6),
        StarterMessage: NullableString(row, 7),
        BackgroundColor: row.GetString(8),
        PrimaryColor: row.GetString(9),
        SecondaryColor: row.GetString(10),
        HeaderTextColor: row.GetString(11),
        StatusTextColor: row.GetString(12),
        TimestampColor: row.GetString(13),
        CsatBackgroundColor: row.GetString(14),
        CsatTextColor: row.GetString(15),
        Icon: icons.SignedUrlOrNull(NullableString(row, 16)),
        StatusText: NullableString(row, 17),
        CsatThankYouMessage: NullableString(row, 18),
        PromptId: NullableString(row, 19),
        AllowedDomains: JsonSerializer.Deserialize<string[]>(row.GetString(20))!, // a jsonb array (CHECK constraint)
        PipelineId: NullableString(row, 21),
        PipelineStage: NullableString(row, 22),
        InitialStage: NullableString(row, 23),
        IsAutopilot: row.GetBoolean(24),
        IsEnabled: row.GetBoolean(25),
        Position: row.GetString(26),
        OffsetX: row.GetInt32(27),
        OffsetY: row.GetInt32(28),
        ZIndex: row.GetInt32(29),
        CreatedAt: row.GetFieldValue<DateTimeOffset>(30),
        UpdatedAt: row.GetFieldValue<DateTimeOffset>(31));

    private static string? NullableString(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
