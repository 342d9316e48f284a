using System.Collections;

namespace Webchats.Domain.Webchats;

/// <summary>
/// The <c>allowedDomains</c> of a webchat: normalised origins (api.md §4), without duplicates, in
/// the order they were sent. Built by <see cref="TryParse"/> from a request, or from a row that was
/// parsed when it was written; compared by value, so a change detector sees an equal list as equal.
/// </summary>
public sealed class OriginList : IReadOnlyList<string>, IEquatable<OriginList>
{
    public static readonly OriginList Empty = new([]);

    private readonly string[] _origins;

    private OriginList(string[] origins) => _origins = origins;

    public int Count => _origins.Length;

    public string this[int index] => _origins[index];

    /// <summary>Errors are keyed by entry (<c>allowedDomains[i]</c>); on success the list keeps the first occurrence of each origin.</summary>
    public static bool TryParse(IReadOnlyList<string?> raw, string path, List<Common.FieldError> errors, out OriginList origins)
    {
        origins = Empty;
        if (raw.Count > AllowedOrigins.MaxCount)
        {
            errors.Add(new(path, $"must not have more than {AllowedOrigins.MaxCount} entries (got {raw.Count})"));
            return false;
        }

        var normalized = new List<string>(raw.Count);
        var valid = true;
        for (var i = 0; i < raw.Count; i++)
        {
            if (AllowedOrigins.TryNormalize(raw[i], out var origin, out var error))
            {
                normalized.Add(origin);
            }
            else
            {
                errors.Add(new($"{path}[{i}]", error));
                valid = false;
            }
        }

        if (valid)
        {
            origins = new OriginList([.. AllowedOrigins.Deduplicate(normalized)]);
        }

        return valid;
    }

    /// <summary>A list read back from the database, where only parsed lists are written.</summary>
    public static OriginList FromStored(IEnumerable<string> normalized) => new([.. normalized]);

    public bool Equals(OriginList? other) =>
        other is not null && _origins.AsSpan().SequenceEqual(other._origins);

    public override bool Equals(object? obj) => Equals(obj as OriginList);

    public override int GetHashCode() => _origins.Length;

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_origins).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
