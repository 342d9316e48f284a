using System.Data;
using Npgsql;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Webchats.Common;
using Webchats.Domain.Webchats;
using Webchats.Infrastructure.Persistence.Configurations;

namespace Webchats.Infrastructure.Persistence.ReadModels;

/// <summary>
/// Reads webchat rows with plain Npgsql into the API's DTOs (ADR 0007): one prepared statement
/// and one pass over the row, with no DbContext, change tracker or aggregate in between. The
/// settings' columns and values come from the field declarations (<see cref="WebchatFields"/>),
/// stored as <see cref="WebchatColumns"/> says, so a new field needs nothing here; the functional
/// tests check that this reads every field as loading the aggregate and mapping it does.
/// </summary>
internal sealed class WebchatReadModel(NpgsqlDataSource dataSource, IIconStorage icons) : IWebchatReadModel
{
    private const int SettingsOrdinal = 5;

    // id, organization_id, user_id, created_by, updated_by, the fields, created_at, updated_at, version.
    private static readonly string Columns =
        "id, organization_id, user_id, created_by, updated_by, "
        + string.Concat(WebchatFields.All.Select(field => WebchatColumns.Of(field) + ", "))
        + "created_at, updated_at, version";

    private static readonly int CreatedAtOrdinal = SettingsOrdinal + WebchatFields.All.Count;

    private static readonly string FindSql =
        $"SELECT {Columns} FROM webchats WHERE id = $1 AND organization_id = $2 AND deleted_at IS NULL";

    // Newest first by (created_at, id): the order of the ix_webchats_organization_created index. The
    // row comparison is an index condition, so a deep page starts where the cursor points instead of
    // filtering every newer row.
    private static readonly string FirstPageSql =
        $"SELECT {Columns} FROM webchats WHERE organization_id = $1 AND deleted_at IS NULL " +
        "ORDER BY created_at DESC, id DESC LIMIT $2";

    private static readonly string NextPageSql =
        $"SELECT {Columns} FROM webchats WHERE organization_id = $1 AND deleted_at IS NULL " +
        "AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT $4";

    public Task<WebchatResult?> FindAsync(string organizationId, string id, CancellationToken cancellationToken) =>
        DatabaseFailures.TranslateAsync(FindRowAsync(organizationId, id, cancellationToken));

    public Task<IReadOnlyList<WebchatDto>> ListAsync(
        string organizationId, WebchatListPosition? after, int take, CancellationToken cancellationToken) =>
        DatabaseFailures.TranslateAsync(ListRowsAsync(organizationId, after, take, cancellationToken));

    private async Task<WebchatResult?> FindRowAsync(string organizationId, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FindSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = organizationId });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new WebchatResult(ReadDto(reader), reader.GetFieldValue<long>(CreatedAtOrdinal + 2))
            : null;
    }

    private async Task<IReadOnlyList<WebchatDto>> ListRowsAsync(
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

    private WebchatDto ReadDto(NpgsqlDataReader row)
    {
        var fields = WebchatFields.All;
        var values = new object?[fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var ordinal = SettingsOrdinal + i;
            values[i] = row.IsDBNull(ordinal) ? null
                : fields[i].JsonKind == JsonKind.TextArray ? fields[i].FromRaw(WebchatColumns.FromJson(row.GetString(ordinal)))
                : fields[i].FromRaw(row.GetValue(ordinal));
        }

        var settings = WebchatFields.Create(values);
        return new WebchatDto(
            Id: row.GetString(0),
            OrganizationId: row.GetString(1),
            UserId: row.GetString(2),
            CreatedBy: row.GetString(3),
            UpdatedBy: row.GetString(4),
            Settings: settings,
            Icon: icons.SignedUrlOrNull(settings.IconKey),
            CreatedAt: row.GetFieldValue<DateTimeOffset>(CreatedAtOrdinal),
            UpdatedAt: row.GetFieldValue<DateTimeOffset>(CreatedAtOrdinal + 1));
    }
}
