namespace Webchats.Domain.ReferenceData;

/// <summary>Read model of a prompt owned by another part of the product; only used to check references.</summary>
public sealed class Prompt
{
    public Prompt(string id, string organizationId, string name)
    {
        Id = id;
        OrganizationId = organizationId;
        Name = name;
    }

    public string Id { get; private set; }
    public string OrganizationId { get; private set; }
    public string Name { get; private set; }
}
