using CcTsa.Contracts.Ids;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.MlDsa.Dkg;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>A lost node's shares are re-shared to its replacement by 3 helpers; signer sets with the replacement sign under the same key.</summary>
public sealed class RedistributionTests
{
    [Fact]
    public void Replacement_from_three_helpers_signs_under_the_same_key()
    {
        var dkg = DkgHarness.Run().Select(r => r.Value).ToArray();
        var transcript = dkg[0].Transcript;
        var lost = MlDsaHarness.P(5);
        dkg[4].Share.Dispose();
        var packages = new[] { 0, 2, 3 }.Select(i => Redistribution.Contribute(dkg[i].Share, lost)).ToArray();
        var replaced = Redistribution.Accept(lost, transcript, packages);
        Assert.True(replaced.IsOk, replaced.IsOk ? "" : replaced.Error.ToString());
        foreach (var set in new[] { new[] { 0, 1, 4 }, new[] { 2, 3, 4 } })
        {
            var signers = set.Select(i => i == 4 ? replaced.Value : dkg[i].Share).ToArray();
            var msg = "after redistribution"u8.ToArray();
            var sig = LocalSigning.Sign(signers, RoundId.New(), msg, []);
            Assert.True(sig.IsOk, sig.IsOk ? "" : sig.Error.ToString());
            Assert.True(MlDsaVerifier.Verify(transcript.PublicKey.Encoding, msg, [], sig.Value.Bytes.Span));
        }
        replaced.Value.Dispose();
        foreach (var p in packages) p.Dispose();
        foreach (var d in dkg.Take(4)) d.Share.Dispose();
    }

    [Fact]
    public void Two_helpers_do_not_cover_the_lost_shares()
    {
        var dkg = DkgHarness.Run().Select(r => r.Value).ToArray();
        var packages = new[] { 0, 1 }.Select(i => Redistribution.Contribute(dkg[i].Share, MlDsaHarness.P(5))).ToArray();
        var r = Redistribution.Accept(MlDsaHarness.P(5), dkg[0].Transcript, packages);
        Assert.Equal(MlDsaFailure.WrongParticipants, r.Error.Failure);
        foreach (var d in dkg) d.Share.Dispose();
    }

    [Fact]
    public void A_helper_sending_a_wrong_seed_is_named()
    {
        var dkg = DkgHarness.Run().Select(r => r.Value).ToArray();
        var good = new[] { 0, 1 }.Select(i => Redistribution.Contribute(dkg[i].Share, MlDsaHarness.P(3))).ToList();
        var bad = new SecretPackage(MlDsaHarness.P(4), MlDsaHarness.P(3), CcTsa.Crypto.Native.SecretHandle.Allocate(SecretPackage.RedistributionBytes));
        var r = Redistribution.Accept(MlDsaHarness.P(3), dkg[0].Transcript, [.. good, bad]);
        Assert.Equal((MlDsaFailure.ShareCommitmentMismatch, MlDsaHarness.P(4)), (r.Error.Failure, r.Error.Culprits.Single()));
        foreach (var d in dkg) d.Share.Dispose();
    }

    [Fact]
    public void Transcript_keeps_its_key_and_commitments_through_its_wire_form()
    {
        var dkg = DkgHarness.Run().Select(r => r.Value).ToArray();
        var wire = DkgWire.Encode(dkg[0].Transcript);
        Assert.Equal(DkgWire.TranscriptBytes, wire.Length);
        var decoded = DkgWire.DecodeTranscript(wire)!;
        Assert.Equal(dkg[0].Transcript.Ceremony, decoded.Ceremony);
        Assert.True(decoded.PublicKey.Encoding.SequenceEqual(dkg[0].Transcript.PublicKey.Encoding));
        Assert.Null(DkgWire.DecodeTranscript(wire.AsSpan(1)));
        // the decoded D_S still check a replacement's seeds
        var packages = new[] { 1, 2, 3 }.Select(i => Redistribution.Contribute(dkg[i].Share, MlDsaHarness.P(1))).ToArray();
        var replaced = Redistribution.Accept(MlDsaHarness.P(1), decoded, packages);
        Assert.True(replaced.IsOk, replaced.IsOk ? "" : replaced.Error.ToString());
        replaced.Value.Dispose();
        foreach (var p in packages) p.Dispose();
        foreach (var d in dkg) d.Share.Dispose();
    }
}
