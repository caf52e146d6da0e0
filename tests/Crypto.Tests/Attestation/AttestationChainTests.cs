using CcTsa.Crypto.Attestation;
using CcTsa.Testing;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Attestation;

public sealed class AttestationChainTests
{
    [Property]
    public bool FromEncoded_of_arbitrary_bytes_is_an_error_value_not_a_crash(byte[] vcek, byte[] other)
    {
        var result = AttestationChain.FromEncoded(vcek ?? [], other ?? []);
        return result.IsOk || result.Error.Failure == AttestationFailure.MalformedCertificate;
    }

    [Property]
    public bool Verify_of_arbitrary_report_bytes_never_throws(byte[] report)
    {
        var chain = AttestationChain.FromEncoded(Fixtures.Bytes("sev-snp/milan-virtee/vcek.der")).Value;
        var verdict = new SnpReportVerifier().Verify(report ?? [], chain, new AttestationPolicy());
        return !verdict.IsValid;
    }

    [Fact]
    public void FromEncoded_splits_an_ask_ark_bundle_by_self_signature()
    {
        var chain = AttestationChain.FromEncoded(Fixtures.Bytes("sev-snp/milan-debug-policy/vcek.der"),
            Fixtures.Bytes("sev-snp/milan-debug-policy/ask_ark.pem")).Value;
        Assert.NotNull(chain.Ask);
        Assert.NotNull(chain.Ark);
        Assert.NotEqual(chain.Ask!.Value.ToArray(), chain.Ark!.Value.ToArray());
    }
}
