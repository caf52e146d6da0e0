using BenchmarkDotNet.Running;
using CcTsa.Bench.Embedded;

// `embedded` runs the end-to-end Stopwatch bench; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "embedded") return await EmbeddedSigningBench.RunAsync(args);
if (args.Length > 0 && args[0] == "audit-verify") return await CcTsa.Bench.AuditVerifyBench.RunAsync(args);
if (args.Length > 0 && args[0] == "event-store") return await CcTsa.Bench.EventStoreBench.RunAsync(args);
if (args.Length > 0 && args[0] == "embedded-auth") return await AuthenticationCostBench.RunAsync(args);
if (args.Length > 0 && args[0] == "ceremonies") return await CeremonyTimings.RunAsync(args);
if (args.Length > 0 && args[0] == "dkg-groups") return CcTsa.Bench.DkgGroupTimings.Run(args);
if (args.Length > 0 && args[0] == "primitives") return PrimitiveTimings.Run();
BenchmarkSwitcher.FromAssembly(typeof(EmbeddedSigningBench).Assembly).Run(args);
return 0;
