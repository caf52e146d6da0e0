using System.Security.Cryptography;
using System.Text;
using CcTsa.Crypto.Native;
using Org.BouncyCastle.Crypto.Digests;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Round 1 (reference GenThCommitment): draw 62 hyperball nonces x_κ = (y, e), round them to
/// (ŷ, ê), compute w_κ = A·ŷ + ê and commit to the packed W with a hash. Independent of the message,
/// so it can run ahead. The nonce seed is hedged: ρ″ = H(domain ‖ key_i ‖ session ‖ 64 fresh random
/// bytes), so a repeated RNG output (VM snapshot restore) alone cannot repeat a nonce.
/// </summary>
public static class Round1
{
    private static readonly byte[] NonceDomain = Encoding.ASCII.GetBytes("cctsa/thmldsa65/nonce/v1");

    public static (Round1State State, Commitment Commitment) Commit(PartyKeyShare share, MlDsaSession session)
    {
        ObjectDisposedException.ThrowIf(share.IsDisposed, share);
        if (!session.Signers.Contains(share.Party))
            throw new ArgumentException($"Party {share.Party} is not in the signer set {session.Signers}; it must not commit.", nameof(session));
        var rhoPrime = DeriveNonceSeed(share, session);
        var revealed = new byte[ThresholdParams.RevealBytes];
        var ok = false;
        try
        {
            var a = share.PublicKey.A;
            using var scratch = new SignerScratch();
            var w = new int[MlDsa65.K * MlDsa65.N];
            for (var slot = 0; slot < ThresholdParams.Slots; slot++)
            {
                var lane = slot % Hyperball.Streams;
                if (lane == 0) Hyperball.Draw(rhoPrime.Span, slot, Math.Min(Hyperball.Streams, ThresholdParams.Slots - slot), scratch.Random, scratch.Keccak);
                Hyperball.FromRandom(Hyperball.Stream(scratch.Random, lane), scratch.X);
                var ye = scratch.Polys;
                Hyperball.RoundAll(scratch.X, ye);
                for (var c = 0; c < Hyperball.Dimension; c++) ye[c] = Mod.FromCentred(ye[c]);
                var yHat = ye[..(MlDsa65.L * MlDsa65.N)];
                for (var j = 0; j < MlDsa65.L; j++) Ntt.Forward(yHat.Slice(j * MlDsa65.N, MlDsa65.N));
                SlotCodec.MatrixTimes(a, yHat, w);
                var e = ye[(MlDsa65.L * MlDsa65.N)..];
                for (var c = 0; c < w.Length; c++) w[c] = Mod.Add(w[c], e[c]);
                SlotCodec.PackW(w, revealed, slot);
            }
            var cmt = SlotCodec.CommitmentHash(share.PublicKey, session, PartyIndex.Of(share.Party), revealed);
            ok = true;
            return (new Round1State(share, session, rhoPrime, revealed), new Commitment(share.Party, cmt));
        }
        finally
        {
            if (!ok) rhoPrime.Dispose();
        }
    }

    private static SecretHandle DeriveNonceSeed(PartyKeyShare share, MlDsaSession session)
    {
        Span<byte> fresh = stackalloc byte[64];
        var seed = SecretHandle.Allocate(64);
        try
        {
            RandomNumberGenerator.Fill(fresh);
            var h = new ShakeDigest(256);
            h.BlockUpdate(NonceDomain);
            h.BlockUpdate(share.NonceKey);
            h.BlockUpdate(session.Binding());
            h.BlockUpdate(fresh);
            h.OutputFinal(seed.Span);
            return seed;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fresh);
        }
    }
}
