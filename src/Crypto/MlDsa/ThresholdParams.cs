namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Threshold ML-DSA-65 for T = 3 of N = 5, after "Efficient Threshold ML-DSA" (Celi, del Pino,
/// Espitau, Niot, Prest; ePrint 2026/013). The numbers are the paper's official 3-of-5 entry as the
/// reference implementation states it: Threshold-ML-DSA/Threshold-ML-DSA @ fca21f8,
/// implementation/sign/thmldsa/thmldsa65/internal/dilithium.go, GetThresholdParams (ν line 140,
/// the N = 5 arrays ks/rs/rPs lines 160–162, index T − 2), reproduced by params/hyperball.sage.
/// ν = 3 there was a copy-paste bug fixed in bc4a9dc; the TS/Rust ports' tables are wrong.
/// </summary>
public static class ThresholdParams
{
    public const int T = 3;
    public const int N = 5;

    /// <summary>Parallel attempts (slots) per run: K_iter.</summary>
    public const int Slots = 62;

    /// <summary>Rejection radius r: a party's response is kept only inside this ellipsoid.</summary>
    public const double Radius = 552909;

    /// <summary>Sampling radius r′ of the hyperball nonces.</summary>
    public const double SamplingRadius = 553145;

    /// <summary>ν: the y-part (first 256·L coordinates) of the ellipsoid is ν times wider.</summary>
    public const double Nu = 6;

    /// <summary>Subsets of size N − T + 1 = 3: every one is held by its 3 members.</summary>
    public const int SubsetSize = N - T + 1;

    public const int SubsetCount = 10;

    /// <summary>Subsets each party holds: C(4, 2) = 6.</summary>
    public const int SubsetsPerParty = 6;

    /// <summary>Real coordinates of one hyperball sample: 256·(K + L) = 2816.</summary>
    public const int Dimension = MlDsa65.N * (MlDsa65.K + MlDsa65.L);

    public const int CommitmentBytes = 32;
    public const int RevealBytes = Slots * MlDsa65.K * MlDsa65.FullPolyBytes;     // 273,792
    public const int SlotResponseBytes = MlDsa65.L * MlDsa65.ZPolyBytes;          // 3,200
    public const int ResponseBytes = Slots * SlotResponseBytes;                   // 198,400
}
