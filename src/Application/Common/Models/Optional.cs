namespace Webchats.Application.Common.Models;

/// <summary>
/// A request property that may be absent, present (possibly <c>null</c>), or present with a JSON
/// value of the wrong type. Patch semantics need all three: absent leaves a field alone, null
/// clears it, and a wrong type is reported against the field instead of failing the whole body.
/// </summary>
public readonly struct Optional<T>
{
    private readonly State _state;

    internal Optional(State state, T value)
    {
        _state = state;
        Value = value;
    }

    public bool IsAbsent => _state == State.Absent;

    public bool IsPresent => _state == State.Present;

    public bool IsWrongType => _state == State.WrongType;

    /// <summary>The sent value; meaningful only when <see cref="IsPresent"/>.</summary>
    public T Value { get; }

    public override string ToString() => _state switch
    {
        State.Present => $"Present({Value})",
        State.WrongType => "WrongType",
        _ => "Absent",
    };
}

/// <summary>Factories of <see cref="Optional{T}"/>; <c>default</c> is absent.</summary>
public static class Optional
{
    public static Optional<T> Of<T>(T value) => new(State.Present, value);

    public static Optional<T> WrongType<T>() => new(State.WrongType, default!);
}

internal enum State
{
    Absent,
    Present,
    WrongType,
}
