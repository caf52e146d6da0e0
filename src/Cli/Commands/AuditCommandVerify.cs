using System.CommandLine;
using CcTsa.ControlPlane.Audit;

namespace CcTsa.Cli.Commands;

/// <summary>`cctsa audit verify`: re-walks the chain; a broken chain exits Invalid and names the first bad sequence.</summary>
internal static class AuditCommandVerify
{
    public static Command Create(AuditCommand.StoreOptions store)
    {
        var verify = new Command("verify", "Re-walk the hash chain and report the first bad sequence number");
        verify.SetAction((r, ct) => AuditCommand.WithLogAsync(store, r, async (log, output, token) =>
        {
            var v = await new AuditVerifier(log).VerifyAsync(token).ConfigureAwait(false);
            if (v.Ok)
            {
                await output.WriteLineAsync($"OK: {v.Events} events, chain intact").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            await output.WriteLineAsync($"TAMPERED: first bad sequence {v.FirstBad} ({v.Reason}); {v.Events} events verified before it").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }, ct, apiAllowed: false));
        return verify;
    }
}
