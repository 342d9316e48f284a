using BenchmarkDotNet.Running;

// `make bench-micro` runs every benchmark here; results are written to docs/benchmarks.md by hand
// with the command that produced them.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
