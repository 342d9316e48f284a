using Webchats.Application.Webchats.Common;
using Webchats.Application.Webchats.Queries.GetPublicWebchat;

namespace Webchats.Api.Controllers;

/// <summary>Response of POST, PUT and PATCH: a message and the stored webchat.</summary>
public sealed record WebchatMessageEnvelope(string Message, WebchatDto Data)
{
    public const string Created = "Webchat configuration created";
    public const string Updated = "Webchat configuration updated";
    public const string IconUpdated = "Webchat icon updated";
}

/// <summary>Response of GET one.</summary>
public sealed record WebchatEnvelope(WebchatDto Data);

/// <summary>Response of GET list: newest first, with the cursor of the next page or null.</summary>
public sealed record WebchatListEnvelope(IReadOnlyList<WebchatDto> Data, string? NextCursor);

/// <summary>Response of the public widget endpoint.</summary>
public sealed record PublicWebchatEnvelope(PublicWebchatDto Data);
