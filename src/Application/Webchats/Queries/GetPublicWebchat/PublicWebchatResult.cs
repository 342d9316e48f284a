using System.Diagnostics.CodeAnalysis;

namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>The public configuration, or the refusal of the requesting origin (then without any data).</summary>
public sealed record PublicWebchatResult(OriginAccess Access, PublicWebchatDto? Webchat)
{
    public static readonly PublicWebchatResult Refused = new(OriginAccess.Refused, null);

    [MemberNotNullWhen(true, nameof(Webchat))]
    public bool IsAllowed => Access != OriginAccess.Refused && Webchat is not null;
}
