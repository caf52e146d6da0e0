using System.CommandLine;

var root = new RootCommand("cctsa-signer — one enclave node of the CC-TSA signing fleet");
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
