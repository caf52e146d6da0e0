using BenchmarkDotNet.Running;
using CcTsa.Bench.Embedded;

// `embedded` runs the end-to-end Stopwatch bench; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "embedded") return await EmbeddedSigningBench.RunAsync(args);
BenchmarkSwitcher.FromAssembly(typeof(EmbeddedSigningBench).Assembly).Run(args);
return 0;
