// The set-up fixture sits in the assembly's root namespace so that it runs before every test in it.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Webchats.Infrastructure.IntegrationTests;

/// <summary>
/// Starts s3rver (the pinned npm package in <c>tests/s3</c>) once per run on a free loopback port
/// with a throwaway folder and one bucket. s3rver stores and serves objects and refuses expired
/// presigned URLs, but does not check SigV4 signatures (see <c>SigV4</c> for that). There is no
/// fallback: without node or s3rver the run fails loudly.
/// </summary>
[SetUpFixture]
public sealed class S3Server
{
    public const string Bucket = "icons";
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static Process? _process;
    private static string? _directory;
    private static string? _serviceUrl;
    private static readonly StringBuilder Output = new();

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public static string ServiceUrl => _serviceUrl ?? throw new InvalidOperationException("s3rver did not start.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var executable = Path.Combine(RepositoryRoot(), "tests", "s3", "node_modules", ".bin", "s3rver");
        if (!File.Exists(executable))
        {
            Assert.Fail($"s3rver is required for the infrastructure integration tests and is not installed ({executable} is missing). Run `make test`, which installs it (npm ci --prefix tests/s3).");
        }

        var port = FreePort();
        _directory = Directory.CreateTempSubdirectory("webchats-s3rver-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-d", _directory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--configure-bucket", Bucket, "--silent", "--no-vhost-buckets",
        })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null.");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Assert.Fail($"s3rver could not be started ({executable}: {e.Message}); it needs node on PATH. Run `make test`, which installs it.");
            return;
        }

        _process.OutputDataReceived += Collect;
        _process.ErrorDataReceived += Collect;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        _serviceUrl = $"http://127.0.0.1:{port}";
        await WaitUntilAnsweringAsync(_process, new Uri(_serviceUrl + "/"));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }

            _process.Dispose();
            _process = null;
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task WaitUntilAnsweringAsync(Process process, Uri root)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                Assert.Fail($"s3rver exited with code {process.ExitCode} while starting. Run `make test`, which installs it.\n{Collected()}");
            }

            try
            {
                // Any HTTP answer (an anonymous list is refused) means it is listening; the bucket
                // is configured before it listens.
                using var response = await http.GetAsync(root);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        Assert.Fail($"s3rver did not answer on {root} within {StartTimeout.TotalSeconds} s.\n{Collected()}");
    }

    private static void Collect(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not null)
        {
            lock (Output)
            {
                Output.AppendLine(e.Data);
            }
        }
    }

    private static string Collected()
    {
        lock (Output)
        {
            return Output.ToString();
        }
    }

    /// <summary>A port nobody listens on now (the OS picks it); s3rver takes it a moment later.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Webchats.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Webchats.sln) above " + AppContext.BaseDirectory);
    }
}
