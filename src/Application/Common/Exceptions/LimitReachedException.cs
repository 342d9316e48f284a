namespace Webchats.Application.Common.Exceptions;

/// <summary>The request would take the organization over a fixed limit; the message names it.</summary>
public sealed class LimitReachedException(string message) : Exception(message);
