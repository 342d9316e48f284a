using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Webchats.Application.Common.Exceptions;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence.Repositories;

/// <summary>
/// Writes a tracked webchat's changed columns and appends its revision in <b>one statement</b>:
/// <code>
/// WITH updated AS (UPDATE webchats SET &lt;changed columns&gt; WHERE id = $i AND xmin = $v RETURNING xmin),
///      revision AS (INSERT INTO webchat_revisions (…) SELECT $… FROM updated)
/// SELECT xmin FROM updated
/// </code>
/// A single statement is atomic without an explicit transaction, so the write costs one round
/// trip instead of SaveChanges' BEGIN + INSERT + UPDATE batch and a separate COMMIT; and when the
/// row version moved on, the UPDATE matches nothing, so no revision is inserted either and no row
/// comes back (a write conflict). Which columns changed, their names, types and value converters
/// all come from EF Core's change tracker and model: the SQL is generated from the same mapping
/// that migrations and queries use, never written by hand per field.
/// </summary>
internal static class WebchatChangeWriter
{
    // What the statement needs from the model, found once per model.
    private static readonly ConcurrentDictionary<IModel, Mapping> Mappings = new();

    // One SQL text per set of changed columns (a bit per property index), so Npgsql's automatic
    // preparation sees the same statement for the same kind of change.
    private static readonly ConcurrentDictionary<(IModel Model, ulong Columns), string> Statements = new();

    /// <summary>Writes the changes; on success the entity carries its new version and is no longer tracked.</summary>
    /// <exception cref="ConcurrencyConflictException">The row was changed (or deleted) since it was loaded.</exception>
    public static async Task WriteAsync(WebchatsDbContext db, Webchat webchat, WebchatRevision revision, CancellationToken cancellationToken)
    {
        var entry = db.Entry(webchat);
        if (entry.State is not (EntityState.Unchanged or EntityState.Modified))
        {
            throw new InvalidOperationException("Only a webchat loaded for update can be written this way.");
        }

        entry.DetectChanges();
        var changed = ChangedProperties(entry);
        if (changed.Count == 0)
        {
            throw new InvalidOperationException("A revision needs a change to record.");
        }

        var mapping = Mappings.GetOrAdd(db.Model, model => new Mapping(model));
        var sql = Statements.GetOrAdd((db.Model, ColumnMask(changed)), _ => mapping.BuildSql(changed));

        var database = db.Database;
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            foreach (var property in changed)
            {
                AddParameter(command, property.Metadata, property.CurrentValue);
            }

            var version = entry.Property(mapping.Version);
            AddParameter(command, mapping.Key, entry.Property(mapping.Key).CurrentValue);
            AddParameter(command, mapping.Version, version.OriginalValue);
            foreach (var property in mapping.RevisionColumns)
            {
                AddParameter(command, property, property.GetGetter().GetClrValue(revision));
            }

            var newVersion = await command.ExecuteScalarAsync(cancellationToken)
                ?? throw new ConcurrencyConflictException(new DbUpdateConcurrencyException("No row matched the id and row version."));
            version.CurrentValue = newVersion;
            entry.State = EntityState.Detached;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private static List<PropertyEntry> ChangedProperties(EntityEntry entry)
    {
        var changed = new List<PropertyEntry>();
        foreach (var property in entry.Properties)
        {
            if (property.IsModified)
            {
                changed.Add(property);
            }
        }

        return changed;
    }

    private static ulong ColumnMask(List<PropertyEntry> changed)
    {
        var mask = 0UL;
        foreach (var property in changed)
        {
            mask |= 1UL << property.Metadata.GetIndex();
        }

        return mask;
    }

    private static void AddParameter(DbCommand command, IProperty property, object? value) =>
        // Positional ($n) and unnamed: Npgsql sends the SQL as it is, without rewriting it. The
        // property's type mapping applies its value converter and sets the store type (jsonb, xid…).
        command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, string.Empty, value, property.IsNullable));

    private sealed class Mapping
    {
        private readonly StoreObjectIdentifier _webchats;
        private readonly StoreObjectIdentifier _revisions;

        public Mapping(IModel model)
        {
            var webchat = model.FindEntityType(typeof(Webchat))!;
            var revision = model.FindEntityType(typeof(WebchatRevision))!;
            _webchats = StoreObjectIdentifier.Table(webchat.GetTableName()!, webchat.GetSchema());
            _revisions = StoreObjectIdentifier.Table(revision.GetTableName()!, revision.GetSchema());
            Key = webchat.FindPrimaryKey()!.Properties.Single();
            Version = webchat.GetProperties().Single(property => property.IsConcurrencyToken);
            RevisionColumns = [.. revision.GetProperties().Where(property => property.ValueGenerated == ValueGenerated.Never)];
        }

        public IProperty Key { get; }

        /// <summary>The row version (<c>xmin</c>): compared in the WHERE clause, returned by the statement.</summary>
        public IProperty Version { get; }

        /// <summary>The revision's columns but its generated id, in parameter order.</summary>
        public IProperty[] RevisionColumns { get; }

        /// <summary>Parameters: the changed values, the id, the loaded version, the revision's columns.</summary>
        public string BuildSql(List<PropertyEntry> changed)
        {
            var parameter = 0;
            string Next() => "$" + ++parameter;
            string Column(IProperty property, StoreObjectIdentifier table) => Quote(property.GetColumnName(table)!);

            var version = Column(Version, _webchats);
            var set = changed.Select(property => $"{Column(property.Metadata, _webchats)} = {Next()}").ToList();
            var where = $"{Column(Key, _webchats)} = {Next()} AND {version} = {Next()}";
            var columns = string.Join(", ", RevisionColumns.Select(property => Column(property, _revisions)));
            var values = string.Join(", ", RevisionColumns.Select(_ => Next()));
            return $"WITH updated AS (UPDATE {Table(_webchats)} SET {string.Join(", ", set)} WHERE {where} RETURNING {version}), "
                + $"revision AS (INSERT INTO {Table(_revisions)} ({columns}) SELECT {values} FROM updated) "
                + $"SELECT {version} FROM updated";
        }

        private static string Table(StoreObjectIdentifier table) =>
            table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
