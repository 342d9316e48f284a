namespace Webchats.Domain.ReferenceData;

/// <summary>Read model of a sales pipeline owned by another part of the product; only used to check references.</summary>
public sealed class Pipeline
{
    private readonly List<string> _stages;

    // For EF Core materialisation only.
    private Pipeline()
    {
        Id = OrganizationId = Name = string.Empty;
        _stages = [];
    }

    public Pipeline(string id, string organizationId, string name, IEnumerable<string> stages)
    {
        Id = id;
        OrganizationId = organizationId;
        Name = name;
        _stages = [.. stages];
    }

    public string Id { get; private set; }
    public string OrganizationId { get; private set; }
    public string Name { get; private set; }

    /// <summary>Stage names in pipeline order.</summary>
    public IReadOnlyList<string> Stages => _stages;

    public bool HasStage(string stage) => _stages.Contains(stage, StringComparer.Ordinal);
}
