namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The ML-DSA-65 parameter set (FIPS 204 §4, Table 1) and the byte sizes of its encodings.
/// Public key ρ ‖ t1 = 1952 B; signature c̃ ‖ z ‖ h = 3309 B.
/// </summary>
public static class MlDsa65
{
    public const int Q = 8380417;
    public const int N = 256;
    public const int K = 6;
    public const int L = 5;
    public const int Eta = 4;
    public const int Tau = 49;
    public const int Beta = Tau * Eta;          // 196
    public const int Gamma1 = 1 << 19;
    public const int Gamma2 = (Q - 1) / 32;     // 261888
    public const int Alpha = 2 * Gamma2;
    public const int D = 13;
    public const int Omega = 55;
    public const int CTildeBytes = 48;
    public const int TrBytes = 64;
    public const int MuBytes = 64;
    public const int SeedBytes = 32;

    public const int T1PolyBytes = 320;        // 10 bits per coefficient
    public const int ZPolyBytes = 640;         // 20 bits (γ1 − z)
    public const int W1PolyBytes = 128;        // 4 bits
    public const int EtaPolyBytes = 128;       // 4 bits (η − s)
    public const int FullPolyBytes = 736;      // 23 bits, any value mod q (threshold reveals)
    public const int HintBytes = Omega + K;    // 61

    public const int PublicKeyBytes = SeedBytes + K * T1PolyBytes;                // 1952
    public const int SignatureBytes = CTildeBytes + L * ZPolyBytes + HintBytes;    // 3309
}
