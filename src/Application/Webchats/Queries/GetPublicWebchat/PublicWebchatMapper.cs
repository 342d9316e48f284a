using Riok.Mapperly.Abstractions;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>
/// The public projection. Every field of <see cref="Webchat"/> that stays private is named here, so
/// a new field fails the build (RMG020) until someone decides whether a widget may see it.
/// </summary>
[Mapper]
public static partial class PublicWebchatMapper
{
    [MapperIgnoreSource(nameof(Webchat.OrganizationId))]
    [MapperIgnoreSource(nameof(Webchat.UserId))]
    [MapperIgnoreSource(nameof(Webchat.CreatedBy))]
    [MapperIgnoreSource(nameof(Webchat.UpdatedBy))]
    [MapperIgnoreSource(nameof(Webchat.CreatedAt))]
    [MapperIgnoreSource(nameof(Webchat.UpdatedAt))]
    [MapperIgnoreSource(nameof(Webchat.DeletedAt))]
    [MapperIgnoreSource(nameof(Webchat.IsDeleted))]
    [MapperIgnoreSource(nameof(Webchat.Version))]
    [MapperIgnoreSource(nameof(Webchat.Settings))]
    [MapperIgnoreSource(nameof(Webchat.Description))]
    [MapperIgnoreSource(nameof(Webchat.IconKey))]
    [MapperIgnoreSource(nameof(Webchat.PromptId))]
    [MapperIgnoreSource(nameof(Webchat.AllowedDomains))]
    [MapperIgnoreSource(nameof(Webchat.PipelineId))]
    [MapperIgnoreSource(nameof(Webchat.PipelineStage))]
    [MapperIgnoreSource(nameof(Webchat.InitialStage))]
    [MapperIgnoreSource(nameof(Webchat.IsEnabled))]
    [MapProperty(nameof(Webchat.Position), nameof(PublicWebchatDto.Position), Use = nameof(PositionName))]
    public static partial PublicWebchatDto ToPublicDto(this Webchat webchat, string? icon);

    private static string PositionName(WidgetPosition position) => position.ToName();
}
