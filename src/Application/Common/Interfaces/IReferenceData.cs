using Webchats.Domain.ReferenceData;

namespace Webchats.Application.Common.Interfaces;

/// <summary>Read models of prompts and pipelines, owned by other services, used to check references.</summary>
public interface IReferenceData
{
    Task<bool> PromptExistsAsync(string organizationId, string promptId, CancellationToken cancellationToken);

    Task<Pipeline?> FindPipelineAsync(string organizationId, string pipelineId, CancellationToken cancellationToken);
}
