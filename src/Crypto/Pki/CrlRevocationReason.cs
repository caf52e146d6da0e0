namespace CcTsa.Crypto.Pki;

/// <summary>CRLReason codes (RFC 5280 §5.3.1) this TSA uses when it revokes a TSA certificate.</summary>
public enum CrlRevocationReason
{
    /// <summary>≥ t shares suspected compromised; carries an invalidityDate (the compromise time).</summary>
    KeyCompromise = 1,
    /// <summary>Routine rotation: a new key epoch replaced this certificate.</summary>
    Superseded = 4,
    /// <summary>The epoch stopped signing (e.g. full outage and re-key) without compromise.</summary>
    CessationOfOperation = 5,
}
