namespace Webchats.Application.Common.Models;

/// <summary>Who sends a request: the authenticated user and the organization the token is for.</summary>
public sealed record Caller(string OrganizationId, string UserId);
