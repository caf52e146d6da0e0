using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.MlDsa;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace CcTsa.Bench.MlDsa;

/// <summary>
/// Signs <c>count</c> messages with random 3-of-5 signer sets, all parties in this one thread, and
/// reports runs per signature, CPU per round and per signature, bytes each party sends, and the
/// same-process baseline: BouncyCastle's single-party ML-DSA-65 sign (the ratio is the figure to
/// compare across machines). Times are process CPU time (user + system), not wall time, so a
/// machine shared with other work still gives the cost of the computation.
/// </summary>
internal static class ThresholdTimings
{
    public static string Run(int count)
    {
        var dealt = CpuClock.StartNew();
        var (pk, shares) = TrustedDealer.Deal(RandomNumberGenerator.GetBytes(32));
        dealt.Stop();
        Warm(shares);
        var sets = Enumerable.Range(0, 5).SelectMany(a => Enumerable.Range(a + 1, 5 - a - 1)
            .SelectMany(b => Enumerable.Range(b + 1, 5 - b - 1).Select(c => new[] { a, b, c }))).ToArray();
        var rng = new Random(1);
        var time = new double[4];
        long runs = 0;
        var total = CpuClock.StartNew();
        for (var i = 0; i < count; i++)
        {
            var set = sets[rng.Next(sets.Length)].Select(p => shares[p]).ToArray();
            var msg = Encoding.ASCII.GetBytes("bench message " + i.ToString(CultureInfo.InvariantCulture));
            runs += SignTimed(set, pk, msg, time);
        }
        total.Stop();
        var baseline = BaselineMs(Math.Max(20, count));
        var perSig = total.Elapsed.TotalMilliseconds / count;
        var meanRuns = (double)runs / count;
        var sendBytes = ThresholdParams.CommitmentBytes + ThresholdParams.RevealBytes + ThresholdParams.ResponseBytes + 8;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"threshold ML-DSA-65 3-of-5, {count} signatures, random signer sets, one thread");
        sb.AppendLine(CultureInfo.InvariantCulture, $"dealer keygen: {dealt.Elapsed.TotalMilliseconds:F1} ms CPU (first call, includes JIT)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"dealerless DKG, all 5 parties: {DkgTimings.MeanMs(5):F1} ms CPU");
        sb.AppendLine(CultureInfo.InvariantCulture, $"mean runs per signature: {meanRuns:F2}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"per party per run (ms): Round1 {time[0] / runs / 3:F1}, Round2 {time[1] / runs / 3:F2}, Round3 {time[2] / runs / 3:F1}; Combine per run {time[3] / runs:F1}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"CPU per signature, all 3 parties + combiner sequential: {perSig:F1} ms ({1000 / perSig:F1} signatures/s)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"critical path per signature with parties in parallel: {(time[0] + time[1] + time[2]) / 3 / count + time[3] / count:F1} ms");
        sb.AppendLine(CultureInfo.InvariantCulture, $"bytes sent per party per run: {sendBytes:N0}; per signature: {sendBytes * meanRuns:N0}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"baseline BouncyCastle ML-DSA-65 single-party sign: {baseline:F3} ms; threshold/baseline = {perSig / baseline:F0}x");
        foreach (var s in shares) s.Dispose();
        return sb.ToString();
    }

    private static void Warm(PartyKeyShare[] shares) =>
        _ = LocalSigning.Sign([shares[0], shares[1], shares[2]], RoundId.New(), "warm"u8, []);

    /// <summary>One signature round by round (as <see cref="LocalSigning"/> does), timing each step.</summary>
    private static int SignTimed(PartyKeyShare[] set, MlDsaPublicKey pk, byte[] msg, double[] time)
    {
        var round = RoundId.New();
        var signers = SignerSet.Of(set.Select(s => s.Party));
        for (var run = 1; ; run++)
        {
            var session = new MlDsaSession(round, run, signers);
            var sw = CpuClock.StartNew();
            var r1 = set.Select(s => Round1.Commit(s, session)).ToArray();
            time[0] += Lap(sw);
            var cmts = r1.Select(r => r.Commitment).ToArray();
            var reveals = r1.Select(r => Round2.Reveal(r.State, cmts, msg, []).Value).ToArray();
            time[1] += Lap(sw);
            var responses = r1.Select(r => Round3.Respond(r.State, reveals).Value).ToArray();
            time[2] += Lap(sw);
            var sig = Combine.Sign(pk, session, msg, [], reveals, responses);
            time[3] += Lap(sw);
            if (sig.IsOk) return run;
            if (sig.Error.Failure != MlDsaFailure.RunRejected) throw new InvalidOperationException(sig.Error.ToString());
        }
    }

    private static double Lap(CpuClock sw)
    {
        var ms = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        return ms;
    }

    private static double BaselineMs(int n)
    {
        var gen = new MLDsaKeyPairGenerator();
        gen.Init(new MLDsaKeyGenerationParameters(new SecureRandom(), MLDsaParameters.ml_dsa_65));
        var kp = gen.GenerateKeyPair();
        var signer = new MLDsaSigner(MLDsaParameters.ml_dsa_65, false);
        var msg = new byte[32];
        for (var i = 0; i < 10; i++) Sign();
        var sw = CpuClock.StartNew();
        for (var i = 0; i < n; i++) Sign();
        return sw.Elapsed.TotalMilliseconds / n;

        void Sign()
        {
            signer.Init(true, new Org.BouncyCastle.Crypto.Parameters.ParametersWithRandom(kp.Private, new SecureRandom()));
            signer.BlockUpdate(msg);
            signer.GenerateSignature();
        }
    }
}
