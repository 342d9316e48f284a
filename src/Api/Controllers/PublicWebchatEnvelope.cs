using Webchats.Application.Webchats.Queries.GetPublicWebchat;

namespace Webchats.Api.Controllers;

/// <summary>Response of the public widget endpoint.</summary>
public sealed record PublicWebchatEnvelope(PublicWebchatDto Data);
