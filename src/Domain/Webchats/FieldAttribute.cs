namespace Webchats.Domain.Webchats;

/// <summary>How a string field is read: free text, a reference to another document, or an icon.</summary>
public enum FieldKind
{
    /// <summary>Decided by the property's type (text for a string).</summary>
    Inferred,

    /// <summary>A 24-hex id of another document of the organization (prompt, pipeline).</summary>
    ObjectId,

    /// <summary>The storage key of the icon; requests send its signed URL or a key (api.md §3).</summary>
    IconKey,
}

/// <summary>The declaration of one writable webchat field (see <see cref="WebchatSettings"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FieldAttribute : Attribute
{
    /// <summary>Whether the public widget configuration shows it.</summary>
    public bool Public { get; set; }

    /// <summary>Whether a revision records its changes.</summary>
    public bool Audited { get; set; } = true;

    /// <summary>The JSON name when it is not the camelCase property name.</summary>
    public string? JsonName { get; set; }

    public FieldKind Kind { get; set; }

    /// <summary>Text: the most characters (Unicode scalar values) it may have; also the column's length.</summary>
    public int MaxLength { get; set; }

    /// <summary>Text: whether line breaks and tabs are allowed.</summary>
    public bool MultiLine { get; set; }

    /// <summary>Integer: the smallest value.</summary>
    public int Min { get; set; }

    /// <summary>Integer: the largest value.</summary>
    public int Max { get; set; } = int.MaxValue;

    /// <summary>The value of a new webchat (for colours, also what null resets to).</summary>
    public object? Default { get; set; }

    /// <summary>A property (of this record) that must have a value while this one is set (non-null, or true).</summary>
    public string? Requires { get; set; }

    /// <summary>With <see cref="Requires"/>: clearing the required field clears this one too.</summary>
    public bool ClearedWithRequirement { get; set; }
}
