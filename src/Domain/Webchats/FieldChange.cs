namespace Webchats.Domain.Webchats;

/// <summary>One field of a revision: its camelCase name and its value before and after, as the API shows them.</summary>
public sealed record FieldChange(string Field, object? Old, object? New);
