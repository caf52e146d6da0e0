using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.MlDsa.Dkg;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>
/// Runs the 5-party ML-DSA DKG in one process, every pair package sealed to the recipient's
/// ceremony key and opened there, with hooks to tamper with one round's messages.
/// </summary>
internal static class DkgHarness
{
    public sealed record Tamper(
        Func<IReadOnlyList<DkgRhoReveal>, IReadOnlyList<DkgRhoReveal>>? Reveals = null,
        Func<SecretPackage, SecretPackage>? Package = null,
        Func<IReadOnlyList<DkgMaskedKey>, IReadOnlyList<DkgMaskedKey>>? Masked = null);

    public static Result<(PartyKeyShare Share, DkgTranscript Transcript), MlDsaError>[] Run(Tamper? tamper = null)
    {
        var ceremony = CeremonyId.New();
        var keys = Enumerable.Range(0, 5).Select(_ => ChannelKeyPair.Generate()).ToArray();
        var r1 = Enumerable.Range(1, 5).Select(n => DkgRound1.Commit(MlDsaHarness.P(n), ceremony)).ToArray();
        var commitments = r1.Select(r => r.Commitments).ToArray();
        var sent = r1.Select(r => DkgRound1.Send(r.State, commitments).Value).ToArray();
        IReadOnlyList<DkgRhoReveal> reveals = sent.Select(s => s.Reveal).ToArray();
        reveals = tamper?.Reveals?.Invoke(reveals) ?? reveals;
        var masked = new List<Result<DkgMaskedKey, MlDsaError>>();
        for (var i = 0; i < 5; i++)
        {
            var inbox = new List<SecretPackage>();
            foreach (var p in sent.SelectMany(s => s.Packages).Where(p => p.To == MlDsaHarness.P(i + 1)))
            {
                var pkg = tamper?.Package?.Invoke(p) ?? p;
                var ctx = Context(pkg.From.Value, i + 1, ceremony);
                var sealedPkg = pkg.Seal(keys[i].PublicKey, ctx);
                inbox.Add(SecretPackage.Open(sealedPkg, SecretPackage.DkgPairBytes, pkg.From, keys[i], ctx).Value);
            }
            masked.Add(DkgRound3.Mask(r1[i].State, reveals, inbox));
            foreach (var p in inbox) p.Dispose();
        }
        foreach (var p in sent.SelectMany(s => s.Packages)) p.Dispose();
        if (masked.Any(m => !m.IsOk))
        {
            foreach (var r in r1) r.State.Dispose();
            return masked.Select(m => m.IsOk ? default : m.Error.As<(PartyKeyShare, DkgTranscript)>()).ToArray();
        }
        IReadOnlyList<DkgMaskedKey> broadcast = masked.Select(m => m.Value).ToArray();
        broadcast = tamper?.Masked?.Invoke(broadcast) ?? broadcast;
        return r1.Select(r => DkgFinish.Complete(r.State, broadcast)).ToArray();
    }

    public static SealContext Context(int from, int to, CeremonyId ceremony) =>
        new(NodeId.Parse("n" + from), NodeId.Parse("n" + to), "mldsa-dkg/" + ceremony);
}
