using CcTsa.Signer.Cli;

return await SignerCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
