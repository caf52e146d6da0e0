using System.Security.Cryptography;
using CcTsa.Crypto.Pki;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Purposes;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Tests.Purposes;

/// <summary>The purpose registry and the CSR purpose: what a node agrees to sign besides time-stamps.</summary>
public class SigningPurposesTests
{
    private static readonly byte[] GroupKey = RandomNumberGenerator.GetBytes(32);
    private static readonly SchemeEpoch Key = new(1, 3, GroupKey);
    private static readonly SigningPurposes Purposes = new([new CsrPurpose()]);

    private static PreparedMessage Csr(byte[] key) => new(new CsrBuilder("CN=CC-TSA Ed25519 epoch 1,O=CC-TSA", key).ToBeSigned.ToArray(), []);

    [Fact]
    public void Find_knows_csr_and_nothing_else()
    {
        Assert.IsType<CsrPurpose>(Purposes.Find("csr"));
        Assert.Null(Purposes.Find("rfc3161-but-not-registered"));
        Assert.Null(Purposes.Find("CSR"));
    }

    [Fact]
    public void CheckAll_accepts_a_csr_for_the_group_key()
    {
        Assert.Null(SigningPurposes.CheckAll(Purposes.Find("csr")!, Key, [Csr(GroupKey)]));
    }

    [Fact]
    public void CheckAll_names_the_first_item_refused()
    {
        var why = SigningPurposes.CheckAll(Purposes.Find("csr")!, Key, [Csr(GroupKey), Csr(RandomNumberGenerator.GetBytes(32))]);
        Assert.Equal("item 1: subject key is not this epoch's group key", why);
    }

    [Fact]
    public void CheckAll_refuses_an_empty_round()
    {
        Assert.Equal("empty batch", SigningPurposes.CheckAll(Purposes.Find("csr")!, Key, []));
    }

    [Fact]
    public void Csr_with_evidence_attached_is_refused()
    {
        var withEvidence = Csr(GroupKey) with { Evidence = [1] };
        Assert.Equal("unexpected evidence", new CsrPurpose().Check(Key, withEvidence));
    }
}
