using System.Globalization;
using CcTsa.Bench.MlDsa;

// dotnet run --project bench/CcTsa.Bench.MlDsa -c Release -- [signatures=100]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var report = ThresholdTimings.Run(count);
Console.WriteLine(report);
Console.WriteLine(DrawTimings.Run(30));
return 0;
