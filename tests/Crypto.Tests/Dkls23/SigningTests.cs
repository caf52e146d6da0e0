using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>DKLs23 Protocol 3.6 end to end: a DKG key, pairwise setups, t signers → a standard ECDSA P-384 signature.</summary>
public class SigningTests
{
    private static ParticipantId P(int i) => ParticipantId.FromIndex(i);

    [Fact]
    public void Sign_3_of_5_verifies_with_dotnet_ecdsa()
    {
        using var h = Dkls23Harness.Create(3, 5);
        var digest = SHA384.HashData(RandomNumberGenerator.GetBytes(100));
        var (sig, errors) = h.Sign([P(1), P(3), P(5)], digest);
        Assert.Empty(errors);
        Assert.NotNull(sig);
        Assert.True(DotNetEcdsa.Verifies(h.Keys[0].PublicKey, digest, sig));
    }
}
