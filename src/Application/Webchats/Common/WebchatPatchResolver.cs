using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Common.Models;
using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Common;

/// <summary>
/// Turns a patch that passed the request-only rules into the resulting settings, checking the rules
/// that need stored state: read-only fields, the icon, references to prompts and pipelines, and
/// the cross-field rules on the resulting document. Create and update share it.
/// </summary>
public sealed class WebchatPatchResolver(IReferenceData referenceData, IconReferences iconReferences)
{
    /// <param name="stored">The webchat being updated; <c>null</c> on create.</param>
    /// <exception cref="RequestValidationException">With every broken rule of the request.</exception>
    public async Task<WebchatSettings> ResolveAsync(
        WebchatPatch patch, Caller caller, Webchat? stored, CancellationToken cancellationToken)
    {
        var before = stored?.Settings ?? new WebchatSettings { Name = string.Empty };
        var errors = WebchatPatchFields.ReadOnlyErrors(patch, stored).ToList();
        var after = WebchatPatchFields.Apply(patch, before);

        if (patch.Icon.IsPresent)
        {
            var sent = IconReferences.NormalizeShape(patch.Icon.Value).Value;
            var (key, error) = await iconReferences.ResolveAsync(sent, caller.OrganizationId, before.IconKey, cancellationToken);
            if (error is null)
            {
                after = after with { IconKey = key };
            }
            else
            {
                errors.Add(error);
            }
        }

        if (after.PromptId is { } promptId && promptId != before.PromptId
            && !await referenceData.PromptExistsAsync(caller.OrganizationId, promptId, cancellationToken))
        {
            errors.Add(new FieldError("promptId", "names no prompt of this organization"));
        }

        await CheckPipelineAsync(before, after, caller.OrganizationId, errors, cancellationToken);
        errors.AddRange(after.CrossFieldErrors());

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
