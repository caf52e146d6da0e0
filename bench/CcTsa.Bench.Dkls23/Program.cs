using CcTsa.Bench.Dkls23;

var what = args.Length > 0 ? args[0] : "all";
if (what is "all" or "group") GroupComparison.Run(400);
