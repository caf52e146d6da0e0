using CcTsa.Cli.Commands;

return await CctsaCli.RunAsync(args).ConfigureAwait(false);
