using System.Net;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Operations;

public sealed class RequestLoggingTests : FunctionalTest
{
    [Test]
    public async Task A_problem_names_the_trace_that_the_request_log_line_carries()
    {
        using var client = ClientFor();
        using var response = await client.GetAsync($"/api/webchats/{MissingId}");
        var traceId = (await AssertProblemAsync(response, HttpStatusCode.NotFound)).GetProperty("traceId").GetString();

        var line = TestEnvironment.Logs.Lines.SingleOrDefault(l => l.Contains($"TraceId={traceId}", StringComparison.Ordinal));
        Assert.That(line, Is.Not.Null, "one request line carries the problem's trace id");
        Assert.That(line, Does.Contain("Webchats.Requests").And.Contain($"Path=/api/webchats/{MissingId}").And.Contain("StatusCode=404"));
        Assert.That(line, Does.Not.Contain("Bearer"), "no header reaches the log");
    }
}
