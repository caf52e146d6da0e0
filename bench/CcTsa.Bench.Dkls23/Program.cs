using CcTsa.Bench.Dkls23;

var what = args.Length > 0 ? args[0] : "all";
if (what is "all" or "group") GroupComparison.Run(400);
if (what is "micro") MicroTimings.Run();
if (what is "ladder") LadderEstimate.Run(200);
if (what is "ote") RvoleTimings.ExtendOnly(300);
if (what is "rvole") { RvoleTimings.Run(3); RvoleTimings.Run(20); }
if (what is "all" or "protocol") ProtocolTimings.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9);
