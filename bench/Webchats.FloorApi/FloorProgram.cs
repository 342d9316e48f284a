namespace Webchats.FloorApi;

/// <summary>
/// Entry point of the floor endpoint. Configuration uses the service's keys
/// (<c>ConnectionStrings:Webchats</c>, <c>Webchats:Auth:SigningKey</c>, <c>:Issuer</c>,
/// <c>:Audience</c>), so the benchmark starts both with the same environment.
/// </summary>
public sealed class FloorProgram
{
    private FloorProgram()
    {
    }

    public static async Task Main(string[] args)
    {
        await using var app = FloorApp.Build(args);
        await app.RunAsync();
    }
}
