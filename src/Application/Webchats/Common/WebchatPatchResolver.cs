using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Common.Models;
using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Common;

/// <summary>
/// Turns a patch whose values are already parsed into the resulting settings, checking what needs
/// stored state or other data: read-only fields, the icon, references to prompts and pipelines,
/// and the cross-field rules on the resulting document. Create and update share it.
/// </summary>
public sealed class WebchatPatchResolver(IReferenceData referenceData, IconReferences iconReferences)
{
    private static readonly WebchatField Icon = WebchatFields.Of(nameof(WebchatSettings.IconKey));

    /// <param name="stored">The webchat being updated; <c>null</c> on create.</param>
    /// <exception cref="RequestValidationException">With every broken rule of the request.</exception>
    public async Task<WebchatSettings> ResolveAsync(
        WebchatPatch patch, Caller caller, Webchat? stored, CancellationToken cancellationToken)
    {
        var before = stored?.Settings ?? WebchatFields.Defaults;
        var errors = new List<FieldError>();
        foreach (var (name, sent) in patch.ReadOnly)
        {
            if (stored is null || !WebchatPatch.ReadOnlyFields[name](stored, sent))
            {
                errors.Add(new FieldError(name, "is read-only"));
            }
        }

        var values = patch.Values;
        if (values.TryGetValue(Icon, out var reference))
        {
            var (key, error) = await iconReferences.ResolveAsync((string?)reference, caller.OrganizationId, before.IconKey, cancellationToken);
            if (error is not null)
            {
                errors.Add(error);
            }

            values = new Dictionary<WebchatField, object?>(values) { [Icon] = key };
        }

        var after = WebchatFields.Apply(before, values);
        if (after.PromptId is { } promptId && promptId != before.PromptId
            && !await referenceData.PromptExistsAsync(caller.OrganizationId, promptId, cancellationToken))
        {
            errors.Add(new FieldError("promptId", "names no prompt of this organization"));
        }

        await CheckPipelineAsync(before, after, caller.OrganizationId, errors, cancellationToken);
        errors.AddRange(WebchatFields.CrossFieldErrors(after));

        return errors.Count == 0 ? after : throw new RequestValidationException(errors);
    }

    private async Task CheckPipelineAsync(
        WebchatSettings before, WebchatSettings after, string organizationId, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var pipelineChanged = after.PipelineId != before.PipelineId;
        var stagesChanged = after.PipelineStage != before.PipelineStage || after.InitialStage != before.InitialStage;
        if (after.PipelineId is not { } pipelineId || !(pipelineChanged || stagesChanged))
        {
            return;
        }

        var pipeline = await referenceData.FindPipelineAsync(organizationId, pipelineId, cancellationToken);
        if (pipeline is null)
        {
            errors.Add(new FieldError("pipelineId", "names no pipeline of this organization"));
            return;
        }

        foreach (var (path, stage) in new[] { ("pipelineStage", after.PipelineStage), ("initialStage", after.InitialStage) })
        {
            if (stage is not null && !pipeline.HasStage(stage))
            {
                errors.Add(new FieldError(path, $"is not a stage of pipeline {pipelineId} (stages: {string.Join(", ", pipeline.Stages)})"));
            }
        }
    }
}
