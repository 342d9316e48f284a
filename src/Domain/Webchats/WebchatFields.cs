using System.Linq.Expressions;
using System.Reflection;
using Webchats.Domain.Common;

namespace Webchats.Domain.Webchats;

/// <summary>The JSON value a field takes in a request body and in a document.</summary>
public enum JsonKind
{
    Text,
    Boolean,
    WholeNumber,
    TextArray,
}

/// <summary>
/// The writable fields of a webchat, read once from their declarations on
/// <see cref="WebchatSettings"/>: everything that handles "every field" (patch binding, change
/// detection, documents, columns, the OpenAPI schema) walks this table instead of naming fields.
/// </summary>
public static class WebchatFields
{
    private static readonly Dictionary<string, WebchatField> ByJsonName;
    private static readonly Func<object?[], WebchatSettings> Construct;

    static WebchatFields()
    {
        // The primary constructor lists the fields in document order.
        var constructor = typeof(WebchatSettings).GetConstructors().MaxBy(c => c.GetParameters().Length)!;
        var parameters = constructor.GetParameters();
        All = [.. parameters
            .Select(parameter => typeof(WebchatSettings).GetProperty(parameter.Name!)!)
            .Select((property, index) => new WebchatField(index, property, property.GetCustomAttribute<FieldAttribute>()
                ?? throw new InvalidOperationException($"{nameof(WebchatSettings)}.{property.Name} has no [Field] declaration.")))];
        ByJsonName = All.ToDictionary(field => field.Name, StringComparer.Ordinal);
        Public = [.. All.Where(field => field.IsPublic)];
        foreach (var field in All)
        {
            field.Resolve(All);
        }

        var values = Expression.Parameter(typeof(object?[]), "values");
        Construct = Expression.Lambda<Func<object?[], WebchatSettings>>(
            Expression.New(constructor, parameters.Select((parameter, index) =>
                Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(index)), parameter.ParameterType))),
            values).Compile();
        Defaults = Construct([.. All.Select(field => field.Default)]);
    }

    /// <summary>Every field, in document order.</summary>
    public static IReadOnlyList<WebchatField> All { get; }

    /// <summary>The fields the public widget configuration shows, in document order.</summary>
    public static IReadOnlyList<WebchatField> Public { get; }

    /// <summary>The settings of a new webchat before its request is applied (the name is empty: create requires one).</summary>
    public static WebchatSettings Defaults { get; }

    public static WebchatField? Find(string jsonName) => ByJsonName.GetValueOrDefault(jsonName);

    /// <summary>The field of a <see cref="WebchatSettings"/> property, e.g. <c>Of(nameof(WebchatSettings.Name))</c>.</summary>
    public static WebchatField Of(string propertyName) => All.Single(field => field.PropertyName == propertyName);

    /// <summary>Settings from one value per field (already valid), in document order.</summary>
    public static WebchatSettings Create(object?[] values) => Construct(values);

    /// <summary>
    /// The settings after setting each sent field. Clearing a field clears the fields declared
    /// <see cref="FieldAttribute.ClearedWithRequirement"/> on it; values are applied in document
    /// order, so such a field sent in the same patch is set afterwards (and then breaks its rule).
    /// </summary>
    public static WebchatSettings Apply(WebchatSettings settings, IEnumerable<KeyValuePair<WebchatField, object?>> sent)
    {
        var values = All.Select(field => field.Get(settings)).ToArray();
        foreach (var (field, value) in sent.OrderBy(change => change.Key.Index))
        {
            values[field.Index] = value;
            if (value is null)
            {
                foreach (var dependant in field.ClearedWithIt)
                {
                    values[dependant.Index] = null;
                }
            }
        }

        return Create(values);
    }

    /// <summary>
    /// The audited fields whose values differ, in document order, with old and new values as
    /// documents show them. With no <paramref name="before"/> (a new webchat) every field counts
    /// as changed from nothing.
    /// </summary>
    public static IReadOnlyList<FieldChange> Changes(WebchatSettings? before, WebchatSettings after)
    {
        var changes = new List<FieldChange>(before is null ? All.Count : 4);
        foreach (var field in All)
        {
            var next = field.Get(after);
            if (field.IsAudited && (before is null || !Equals(field.Get(before), next)))
            {
                changes.Add(new FieldChange(field.Name, before is null ? null : WebchatField.ToRaw(field.Get(before)), WebchatField.ToRaw(next)));
            }
        }

        return changes;
    }

    /// <summary>The rules that tie fields together (<see cref="FieldAttribute.Requires"/>), on the resulting document.</summary>
    public static IEnumerable<FieldError> CrossFieldErrors(WebchatSettings settings)
    {
        foreach (var field in All)
        {
            if (field.Requirement is { } required && field.Get(settings) is not (null or false) && required.Get(settings) is null)
            {
                yield return new FieldError(field.Name, $"requires a {required.Name}");
            }
        }
    }
}

/// <summary>One writable field of a webchat, as its declaration on <see cref="WebchatSettings"/> says.</summary>
public sealed class WebchatField
{
    /// <summary>A sent icon is a signed URL or a key; either fits in this many characters.</summary>
    private const int IconReferenceMaxLength = 2048;

    private readonly FieldAttribute _declaration;
    private readonly ValueKind _kind;
    private readonly Func<WebchatSettings, object?> _get;
    private List<WebchatField> _clearedWithIt = [];

    internal WebchatField(int index, PropertyInfo property, FieldAttribute declaration)
    {
        _declaration = declaration;
        Index = index;
        PropertyName = property.Name;
        ValueType = property.PropertyType;
        Name = declaration.JsonName ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
        var type = property.PropertyType;
        _kind = (declaration.Kind, type) switch
        {
            (FieldKind.ObjectId, _) => ValueKind.ObjectId,
            (FieldKind.IconKey, _) => ValueKind.IconKey,
            // A text whose type is not nullable is required: null is refused instead of clearing it.
            (_, _) when type == typeof(string) => new NullabilityInfoContext().Create(property).ReadState == NullabilityState.NotNull
                ? ValueKind.RequiredText
                : ValueKind.Text,
            (_, _) when type == typeof(HexColor) => ValueKind.Color,
            (_, _) when type == typeof(OriginList) => ValueKind.Origins,
            (_, _) when type == typeof(bool) => ValueKind.Boolean,
            (_, _) when type == typeof(WidgetPosition) => ValueKind.Position,
            (_, _) when type == typeof(int) => ValueKind.Integer,
            _ => throw new InvalidOperationException($"{property.Name}: no rule for fields of type {type.Name}."),
        };
        Default = _kind switch
        {
            ValueKind.Color => HexColor.TryParse(declaration.Default as string, out var color)
                ? color
                : throw new InvalidOperationException($"{property.Name}: a colour needs a default colour."),
            ValueKind.Origins => OriginList.Empty,
            ValueKind.RequiredText => string.Empty,
            _ => declaration.Default,
        };

        var settings = Expression.Parameter(typeof(WebchatSettings), "settings");
        _get = Expression.Lambda<Func<WebchatSettings, object?>>(
            Expression.Convert(Expression.Property(settings, property), typeof(object)), settings).Compile();
    }

    private enum ValueKind
    {
        RequiredText,
        Text,
        ObjectId,
        IconKey,
        Color,
        Origins,
        Boolean,
        Position,
        Integer,
    }

    /// <summary>Position in document order.</summary>
    public int Index { get; }

    /// <summary>The camelCase JSON name (and revision field name).</summary>
    public string Name { get; }

    public string PropertyName { get; }

    /// <summary>The type of the stored value.</summary>
    public Type ValueType { get; }

    public bool IsPublic => _declaration.Public;

    public bool IsAudited => _declaration.Audited;

    /// <summary>The icon: stored as a key, shown as a signed URL, resolved against the icon store when sent.</summary>
    public bool IsIcon => _kind == ValueKind.IconKey;

    /// <summary>The value of a new webchat.</summary>
    public object? Default { get; }

    /// <summary>The field that must have a value while this one is set.</summary>
    public WebchatField? Requirement { get; private set; }

    /// <summary>Fields cleared when this one is cleared.</summary>
    public IReadOnlyList<WebchatField> ClearedWithIt => _clearedWithIt;

    public JsonKind JsonKind => _kind switch
    {
        ValueKind.Boolean => JsonKind.Boolean,
        ValueKind.Integer => JsonKind.WholeNumber,
        ValueKind.Origins => JsonKind.TextArray,
        _ => JsonKind.Text,
    };

    /// <summary>Whether a request may send <c>null</c> (it clears the field, or resets a colour).</summary>
    public bool AcceptsNull => _kind is ValueKind.Text or ValueKind.ObjectId or ValueKind.IconKey or ValueKind.Color;

    /// <summary>Whether a stored value may be null.</summary>
    public bool IsNullable => _kind is ValueKind.Text or ValueKind.ObjectId or ValueKind.IconKey;

    /// <summary>The longest stored value in characters, where there is a bound.</summary>
    public int? MaxLength => _kind switch
    {
        ValueKind.ObjectId => ObjectIds.Length,
        ValueKind.Color => 9,
        ValueKind.Position => 16,
        ValueKind.RequiredText or ValueKind.Text or ValueKind.IconKey => _declaration.MaxLength,
        _ => null,
    };

    /// <summary>Whether a new webchat needs a value from its request (it has no default).</summary>
    public bool IsRequired => _kind == ValueKind.RequiredText;

    /// <summary>Integer: the smallest and largest accepted value.</summary>
    public (int Min, int Max)? Range => _kind == ValueKind.Integer ? (_declaration.Min, _declaration.Max) : null;

    /// <summary>The closed set of values a request may send, where there is one.</summary>
    public IReadOnlyList<string>? Choices => _kind == ValueKind.Position ? WidgetPositions.Names : null;

    /// <summary>The regular expression a sent value (trimmed, not blank) matches, where the rule is one.</summary>
    public string? Pattern => _kind switch
    {
        ValueKind.Color => HexColor.Pattern,
        ValueKind.ObjectId => ObjectIds.Pattern,
        _ => null,
    };

    /// <summary>The regular expression every stored value matches, where the rule is one.</summary>
    public string? StoredPattern => _kind == ValueKind.Color ? HexColor.StoredPattern : Pattern;

    /// <summary>A list: the most entries it may have.</summary>
    public int? MaxItems => _kind == ValueKind.Origins ? AllowedOrigins.MaxCount : null;

    /// <summary>Free text (not an id, colour, position or icon reference): the most characters it may have.</summary>
    public int? TextMaxLength => _kind is ValueKind.RequiredText or ValueKind.Text ? _declaration.MaxLength : null;

    /// <summary>What a request must send, for "must be …" messages.</summary>
    public string ExpectedType => _kind switch
    {
        ValueKind.Boolean => "a boolean",
        ValueKind.Integer => $"an integer between {_declaration.Min} and {_declaration.Max}",
        ValueKind.Origins => "an array of strings",
        ValueKind.Position => $"'{WidgetPositions.BottomRight}' or '{WidgetPositions.BottomLeft}'",
        ValueKind.Color => "a colour string such as #1F2937, or null",
        _ => "a string or null",
    };

    public object? Get(WebchatSettings settings) => _get(settings);

    /// <summary>
    /// Parses a sent value (null, a string, a boolean, an int or a list of strings, as
    /// <see cref="JsonKind"/> says) into the value to store; adds the reasons to
    /// <paramref name="errors"/> when it cannot be one. The icon's value is the sent reference,
    /// which the application resolves to a key.
    /// </summary>
    public bool TryParse(object? raw, List<FieldError> errors, out object? value)
    {
        value = null;
        string? error;
        switch (_kind)
        {
            case ValueKind.Origins when raw is IReadOnlyList<string?> list:
                var parsed = OriginList.TryParse(list, Name, errors, out var origins);
                value = origins;
                return parsed;
            case ValueKind.Origins:
                error = WebchatFieldRules.MustNotBeNull + "; send [] to allow every site";
                break;
            case ValueKind.Boolean or ValueKind.Integer when raw is null:
                error = WebchatFieldRules.MustNotBeNull;
                break;
            case ValueKind.Boolean:
                value = raw;
                return true;
            default:
                (value, error) = _kind switch
                {
                    ValueKind.RequiredText => Unpack(WebchatFieldRules.Name(raw as string, _declaration.MaxLength)),
                    ValueKind.Text => Unpack(WebchatFieldRules.OptionalText(raw as string, _declaration.MaxLength, _declaration.MultiLine)),
                    ValueKind.ObjectId => Unpack(WebchatFieldRules.OptionalObjectId(raw as string)),
                    ValueKind.IconKey => Unpack(WebchatFieldRules.OptionalText(raw as string, IconReferenceMaxLength, multiLine: false)),
                    ValueKind.Color => Unpack(WebchatFieldRules.Color(raw as string, (HexColor)Default!)),
                    ValueKind.Position => Unpack(WebchatFieldRules.Position(raw as string)),
                    _ => Unpack(WebchatFieldRules.Range(raw as int?, _declaration.Min, _declaration.Max)),
                };
                break;
        }

        if (error is null)
        {
            return true;
        }

        errors.Add(new FieldError(Name, error));
        value = null;
        return false;
    }

    /// <summary>The value as documents, revisions and the database show it: a string, boolean, int, list of strings or null.</summary>
    public static object? ToRaw(object? value) => value switch
    {
        HexColor color => color.Value,
        WidgetPosition position => position.ToName(),
        _ => value,
    };

    /// <summary>The inverse of <see cref="ToRaw"/>, for values the service stored itself (not checked again).</summary>
    public object? FromRaw(object? raw) => raw is null ? null : _kind switch
    {
        ValueKind.Color => HexColor.FromStored((string)raw),
        ValueKind.Position => WidgetPositions.TryParse((string)raw, out var position)
            ? position
            : throw new InvalidOperationException($"Unknown position '{raw}' in the database."),
        ValueKind.Origins => OriginList.FromStored((IEnumerable<string>)raw),
        _ => raw,
    };

    internal void Resolve(IReadOnlyList<WebchatField> fields)
    {
        if (_declaration.Requires is { } requires)
        {
            Requirement = fields.Single(field => field.PropertyName == requires);
            if (_declaration.ClearedWithRequirement)
            {
                Requirement._clearedWithIt = [.. Requirement._clearedWithIt, this];
            }
        }
    }

    private static (object? Value, string? Error) Unpack<T>(Normalized<T> normalized) => (normalized.Value, normalized.Error);
}
