using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Cli.Bench;

/// <summary>
/// Fully verifies one granted token in every <see cref="Every"/> (and the first): CMS signature,
/// the imprint against the digest the bench sent, and the chain to the TSA's CA. A token that
/// fails counts as an error with the verifier's reason, so a fast but wrong TSA cannot pass. A hybrid
/// token must pass both signatures.
/// </summary>
public sealed class SampleVerifier(ReadOnlyMemory<byte> caCertificateDer, int every = 64)
{
    private readonly TokenVerificationOptions _options = new(caCertificateDer);
    private long _verified;

    public int Every { get; } = every >= 1 ? every : throw new ArgumentOutOfRangeException(nameof(every), every, "sample every N ≥ 1 tokens");

    public long Verified => Interlocked.Read(ref _verified);

    public bool ShouldVerify(long grantedIndex) => grantedIndex % Every == 0;

    /// <summary>Null when the token is valid for <paramref name="digest"/>; else the reason to count.</summary>
    public string? Check(ReadOnlyMemory<byte> token, byte[] digest)
    {
        var verdict = TokenVerifier.VerifyDigest(token, digest, _options);
        Interlocked.Increment(ref _verified);
        if (!verdict.IsValid) return $"token invalid: {verdict.Failure}";
        return verdict.PostQuantum is { IsValid: false } pq ? $"token invalid: post-quantum {pq.Failure}" : null;
    }
}
