namespace Webchats.Domain.Common;

/// <summary>A rule broken by one field, keyed by its camelCase JSON path (e.g. <c>allowedDomains[2]</c>).</summary>
public sealed record FieldError(string Path, string Message);
