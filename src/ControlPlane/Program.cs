using CcTsa.ControlPlane.Cli;

return await CctsaCli.RunAsync(args).ConfigureAwait(false);
