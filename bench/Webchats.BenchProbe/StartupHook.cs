using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime;

/// <summary>
/// Loaded by the runtime before <c>Main</c> when <c>DOTNET_STARTUP_HOOKS</c> names this assembly
/// (the type must be called <c>StartupHook</c> and live in no namespace). When
/// <c>WEBCHATS_BENCH_PROBE_FILE</c> is set, a background thread rewrites that file every
/// <see cref="Interval"/> with one line of <c>name=value</c> pairs:
/// <list type="bullet">
/// <item><c>allocated</c>: <see cref="GC.GetTotalAllocatedBytes(bool)"/>, the counter behind
/// System.Runtime's <c>dotnet.gc.heap.total_allocated</c> (bytes allocated since the start);</item>
/// <item><c>gen0</c>, <c>gen1</c>, <c>gen2</c>: collection counts; <c>pause_ms</c>: total GC pause;</item>
/// <item><c>heap</c>: <see cref="GC.GetTotalMemory(bool)"/>; <c>threads</c>: thread-pool threads;</item>
/// <item><c>jit_methods</c>, <c>jit_ms</c>: methods compiled by the JIT so far and the time it took
/// (<see cref="System.Runtime.JitInfo"/>, behind <c>dotnet.jit.compiled_methods</c>).</item>
/// </list>
/// The file is replaced atomically (write aside, then rename), so a reader never sees half a line.
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime looks for a global StartupHook type.")]
public static class StartupHook
{
    public const string FileVariable = "WEBCHATS_BENCH_PROBE_FILE";

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable(FileVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var thread = new Thread(() => Run(path)) { IsBackground = true, Name = "bench-probe" };
        thread.Start();
    }

    private static void Run(string path)
    {
        var temporary = path + ".tmp";
        for (var sequence = 1L; ; sequence++)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"seq={sequence} allocated={GC.GetTotalAllocatedBytes(false)} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} " +
                $"pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:0} heap={GC.GetTotalMemory(false)} threads={ThreadPool.ThreadCount} " +
                $"jit_methods={JitInfo.GetCompiledMethodCount(false)} jit_ms={JitInfo.GetCompilationTime(false).TotalMilliseconds:0}\n");
            try
            {
                File.WriteAllText(temporary, line);
                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The benchmark removed its folder while we were writing: nothing left to report to.
            }

            Thread.Sleep(Interval);
        }
    }
}
