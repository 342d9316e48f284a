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
/// Writes a loaded webchat's changed columns and appends its revision in <b>one statement</b>:
/// <code>
/// WITH updated AS (UPDATE webchats SET &lt;changed columns&gt; WHERE id = $i AND xmin = $v RETURNING xmin),
///      revision AS (INSERT INTO webchat_revisions (…) SELECT $… FROM updated)
/// SELECT xmin FROM updated
/// </code>
/// A single statement is atomic without an explicit transaction, so the write costs one round
/// trip instead of SaveChanges' BEGIN + INSERT + UPDATE batch and a separate COMMIT; and when the
/// row version moved on, the UPDATE matches nothing, so no revision is inserted either and no row
/// comes back (a write conflict).
/// <para>
/// The webchat is loaded untracked and compared with a <see cref="LoadedWebchat"/> snapshot taken
/// at load time: the change tracker's identity map, entries and double snapshots cost more than
/// the update itself (docs/benchmarks.md). Which properties are mapped, their columns, types,
/// value comparers and converters all still come from the EF Core model, so the SQL is generated
/// from the same mapping that migrations and queries use, never written by hand per field.
/// </para>
/// </summary>
internal static class WebchatChangeWriter
{
    // What the statement needs from the model, found once per model.
    private static readonly ConcurrentDictionary<IModel, Mapping> Mappings = new();

    // One SQL text per set of changed columns (a bit per property index), so Npgsql's automatic
    // preparation sees the same statement for the same kind of change.
    private static readonly ConcurrentDictionary<(IModel Model, ulong Columns), string> Statements = new();

    /// <summary>The values of a webchat as loaded, to find later what its methods changed.</summary>
    public static LoadedWebchat Snapshot(IModel model, Webchat webchat) => new(MappingOf(model).Snapshot(webchat));

    /// <summary>Writes the changes since <paramref name="loaded"/>; on success the webchat carries its new version.</summary>
    /// <exception cref="ConcurrencyConflictException">The row was changed (or deleted) since it was loaded.</exception>
    public static async Task WriteAsync(
        WebchatsDbContext db, Webchat webchat, LoadedWebchat loaded, WebchatRevision revision, CancellationToken cancellationToken)
    {
        var mapping = MappingOf(db.Model);
        var changed = mapping.Changes(loaded.Values, webchat);
        if (changed.Count == 0)
        {
            throw new InvalidOperationException("A revision needs a change to record.");
        }

        var sql = Statements.GetOrAdd((db.Model, ColumnMask(changed)), static (_, state) => state.mapping.BuildSql(state.changed), (mapping, changed));

        var database = db.Database;
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            foreach (var (property, value) in changed)
            {
                AddParameter(command, property, value);
            }

            AddParameter(command, mapping.Key, loaded.Values[mapping.Key.GetIndex()]);
            AddParameter(command, mapping.Version, loaded.Values[mapping.Version.GetIndex()]);
            foreach (var property in mapping.RevisionColumns)
            {
                AddParameter(command, property, property.GetGetter().GetClrValue(revision));
            }

            var newVersion = await command.ExecuteScalarAsync(cancellationToken)
                ?? throw new ConcurrencyConflictException(new DbUpdateConcurrencyException("No row matched the id and row version."));
            mapping.SetVersion(webchat, newVersion);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private static Mapping MappingOf(IModel model) => Mappings.GetOrAdd(model, static model => new Mapping(model));

    private static ulong ColumnMask(List<(IProperty Property, object? Value)> changed)
    {
        var mask = 0UL;
        foreach (var (property, _) in changed)
        {
            mask |= 1UL << property.GetIndex();
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

        // Every mapped property of a webchat, by property index (the snapshot's layout).
        private readonly IProperty[] _properties;
        private readonly IClrPropertyGetter[] _getters;
        private readonly ValueComparer[] _comparers;

        public Mapping(IModel model)
        {
            var webchat = model.FindEntityType(typeof(Webchat))!;
            var revision = model.FindEntityType(typeof(WebchatRevision))!;
            _webchats = StoreObjectIdentifier.Table(webchat.GetTableName()!, webchat.GetSchema());
            _revisions = StoreObjectIdentifier.Table(revision.GetTableName()!, revision.GetSchema());
            Key = webchat.FindPrimaryKey()!.Properties.Single();
            Version = webchat.GetProperties().Single(property => property.IsConcurrencyToken);
            RevisionColumns = [.. revision.GetProperties().Where(property => property.ValueGenerated == ValueGenerated.Never)];
            _properties = [.. webchat.GetProperties().OrderBy(property => property.GetIndex())];
            if (_properties.Length > 64 || _properties.Where((property, index) => property.GetIndex() != index).Any())
            {
                throw new InvalidOperationException("The column mask needs property indexes 0…63 without gaps.");
            }

            _getters = [.. _properties.Select(property => property.GetGetter())];
            _comparers = [.. _properties.Select(property => property.GetValueComparer())];
        }

        public IProperty Key { get; }

        /// <summary>The row version (<c>xmin</c>): compared in the WHERE clause, returned by the statement.</summary>
        public IProperty Version { get; }

        /// <summary>The revision's columns but its generated id, in parameter order.</summary>
        public IProperty[] RevisionColumns { get; }

        /// <summary>The version the database gave the row (a property that only persistence sets).</summary>
        public void SetVersion(Webchat webchat, object version) => Version.PropertyInfo!.SetValue(webchat, version);

        public object?[] Snapshot(Webchat webchat)
        {
            var values = new object?[_properties.Length];
            for (var i = 0; i < values.Length; i++)
            {
                // The comparer's snapshot copies mutable values (the allowed-domains list).
                values[i] = _comparers[i].Snapshot(_getters[i].GetClrValue(webchat));
            }

            return values;
        }

        /// <summary>The properties whose current value differs from the loaded one, with that value.</summary>
        public List<(IProperty Property, object? Value)> Changes(object?[] loaded, Webchat webchat)
        {
            var changed = new List<(IProperty, object?)>();
            for (var i = 0; i < _properties.Length; i++)
            {
                var current = _getters[i].GetClrValue(webchat);
                if (!_comparers[i].Equals(loaded[i], current))
                {
                    changed.Add((_properties[i], current));
                }
            }

            return changed;
        }

        /// <summary>Parameters: the changed values, the id, the loaded version, the revision's columns.</summary>
        public string BuildSql(List<(IProperty Property, object? Value)> changed)
        {
            var parameter = 0;
            string Next() => "$" + ++parameter;
            string Column(IProperty property, StoreObjectIdentifier table) => Quote(property.GetColumnName(table)!);

            var version = Column(Version, _webchats);
            var set = changed.Select(change => $"{Column(change.Property, _webchats)} = {Next()}").ToList();
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

/// <summary>A webchat's values as <see cref="WebchatRepository.FindForUpdateAsync"/> loaded them.</summary>
internal sealed class LoadedWebchat(object?[] values)
{
    public object?[] Values { get; } = values;
}
